// The store: rewards the user defines ("30 min of guilt-free gaming: 200 pts") and buys with points.
// A purchase is one negative ledger row (kind store.purchase) keyed by the client's request id, so a
// retried click buys once; the balance is checked and spent under the user's rewards lock, so twenty
// concurrent buys with points for one land exactly one. Spending never lowers the level (levels
// count earned points only).
import "server-only";
import type { Db } from "../db/client";
import {
  findLedgerEntry,
  findStoreItem,
  insertStoreItem,
  ledgerEntriesOfKind,
  ledgerTotals,
  listStoreItems,
  lockRewards,
  updateStoreItem,
} from "../db/queries/rewards";
import type { PointsEntry, StoreItem } from "../db/schema";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { awardPoints } from "./points";
import type { StoreCreateInput, StoreUpdateInput } from "./rewards-inputs";

export const PURCHASE_KIND = "store.purchase";

export function listRewards(db: Db, userId: string, includeArchived = false): Promise<StoreItem[]> {
  return listStoreItems(db, { userId, includeArchived });
}

export function createReward(db: Db, userId: string, input: StoreCreateInput): Promise<StoreItem> {
  return insertStoreItem(db, { userId, title: input.title, cost: input.cost, note: input.note || null });
}

export async function updateReward(db: Db, userId: string, input: StoreUpdateInput): Promise<StoreItem> {
  const { id, ...rest } = input;
  const patch = {
    ...(rest.title !== undefined ? { title: rest.title } : {}),
    ...(rest.cost !== undefined ? { cost: rest.cost } : {}),
    ...(rest.note !== undefined ? { note: rest.note || null } : {}),
  };
  const item = await updateStoreItem(db, { userId, id, patch });
  if (!item) throw new NotFoundError("Reward");
  return item;
}

export async function archiveReward(db: Db, userId: string, id: string, archived = true): Promise<StoreItem> {
  const item = await updateStoreItem(db, { userId, id, patch: { archivedAt: archived ? new Date() : null } });
  if (!item) throw new NotFoundError("Reward");
  return item;
}

export interface PurchaseView {
  id: string;
  itemId: string | null;
  title: string;
  cost: number;
  at: Date;
}

function purchaseView(entry: PointsEntry): PurchaseView {
  const data = entry.data ?? {};
  return {
    id: entry.id,
    itemId: entry.sourceId,
    title: typeof data.title === "string" ? data.title : entry.reason,
    cost: -entry.amount,
    at: entry.createdAt,
  };
}

/** Buys a reward once per request id; a repeat returns the first purchase without charging again. */
export async function buyReward(
  db: Db,
  userId: string,
  input: { id: string; requestId: string },
  now = new Date(),
): Promise<{ purchase: PurchaseView; balance: number; repeated: boolean }> {
  const key = `${PURCHASE_KIND}:${input.requestId}`;
  const result = await db.transaction(async (tx) => {
    const item = await findStoreItem(tx, { userId, id: input.id });
    if (!item) throw new NotFoundError("Reward");
    await lockRewards(tx, userId);
    const previous = await findLedgerEntry(tx, { userId, idempotencyKey: key });
    if (previous) {
      if (previous.sourceId !== item.id) throw new ConflictError("This request already bought a different reward. Try again.");
      return { entry: previous, repeated: true };
    }
    if (item.archivedAt) throw new InvalidInputError("id", "This reward is archived; restore it to buy it again");
    const { balance } = await ledgerTotals(tx, userId);
    if (balance < item.cost) {
      throw new InvalidInputError(
        "cost",
        `"${item.title}" costs ${item.cost} points and you have ${balance} — ${item.cost - balance} to go. Nothing was spent.`,
      );
    }
    const { entry } = await awardPoints(tx, {
      userId,
      amount: -item.cost,
      kind: PURCHASE_KIND,
      reason: `Bought: ${item.title}`.slice(0, 300),
      sourceId: item.id,
      idempotencyKey: key,
      data: { title: item.title, cost: item.cost, requestId: input.requestId, at: now.toISOString() },
    });
    return { entry, repeated: false };
  });
  const { balance } = await ledgerTotals(db, userId);
  return { purchase: purchaseView(result.entry), balance, repeated: result.repeated };
}

export async function listPurchases(db: Db, userId: string, limit: number): Promise<PurchaseView[]> {
  return (await ledgerEntriesOfKind(db, { userId, kind: PURCHASE_KIND, limit })).map(purchaseView);
}
