// API keys for the MCP server: made here (a random secret shown once; only its SHA-256 is stored),
// listed and revoked per user, and looked up by hash when a request presents one. The hash lookup is
// the one query not filtered by user: the key IS the proof of which user is asking.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys } from "../schema";

/** "ffk_" + 43 base64url characters (32 random bytes). */
export const API_KEY_PREFIX = "ffk_";
/** How much of a key Settings shows so the user can tell keys apart ("ffk_AbCdEfGh"). */
export const API_KEY_SHOWN_CHARS = 12;
const KEY_SHAPE = /^ffk_[A-Za-z0-9_-]{32,128}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Could be one of ours; anything else is refused before touching the database. */
export function looksLikeApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

/** What the owner may see about a key: never the hash, never the secret. */
const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeyView = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function insertApiKey(db: Db, args: { userId: string; name: string }): Promise<{ key: string; apiKey: ApiKeyView }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ userId: args.userId, name: args.name, prefix: key.slice(0, API_KEY_SHOWN_CHARS), hash: hashApiKey(key) })
    .returning(listed);
  if (!row) throw new Error("inserting an API key returned no row");
  return { key, apiKey: row };
}

export async function listApiKeys(db: Db, args: { userId: string }): Promise<ApiKeyView[]> {
  return db.select(listed).from(apiKeys).where(eq(apiKeys.userId, args.userId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function countActiveApiKeys(db: Db, args: { userId: string }): Promise<number> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, args.userId), isNull(apiKeys.revokedAt)));
  return rows.length;
}

/** Revokes the user's key (again is fine: the first revocation time stays); undefined if it is not theirs. */
export async function revokeApiKey(db: Db, args: { userId: string; id: string; at: Date }): Promise<ApiKeyView | undefined> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: args.at })
    .where(and(eq(apiKeys.userId, args.userId), eq(apiKeys.id, args.id), isNull(apiKeys.revokedAt)))
    .returning(listed);
  if (revoked) return revoked;
  const [existing] = await db
    .select(listed)
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, args.userId), eq(apiKeys.id, args.id)))
    .limit(1);
  return existing;
}

/** The live (not revoked) key with this secret, and its owner. */
export async function findActiveApiKey(db: Db, key: string): Promise<{ id: string; userId: string; lastUsedAt: Date | null } | undefined> {
  if (!looksLikeApiKey(key)) return undefined;
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/** Sets last_used_at to `at` unless it was set after `notBefore` (so a busy key writes once a minute, not per request). */
export async function touchApiKey(db: Db, args: { id: string; at: Date; notBefore: Date }): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ lastUsedAt: args.at })
    .where(and(eq(apiKeys.id, args.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, args.notBefore))))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
