// Progress tool: the user's points, level and streak (the rewards summary the header shows) and
// their latest few ledger entries.
import "server-only";
import { getRewardsSummary } from "../rewards";
import { defineTool } from "./define";
import { emptyToolInput } from "./tool-inputs";

export const getProgressTool = defineTool({
  name: "get_progress",
  title: "Get progress",
  description: "The user's points, level (with progress to the next) and streak of active days, plus their 5 latest point entries. Use it to celebrate wins.",
  input: emptyToolInput,
  readOnly: true,
  async handler(ctx) {
    const { latest, ...summary } = await getRewardsSummary(ctx.db, ctx.userId, { now: ctx.now, latest: 5 });
    return {
      ...summary,
      latest: latest.map((e) => ({ id: e.id, amount: e.amount, kind: e.kind, reason: e.reason, at: e.createdAt.toISOString() })),
    };
  },
});

export const progressTools = [getProgressTool];
