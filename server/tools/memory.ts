// Memory tool: search what the coach remembers about the user (their own memories only), nearest in
// meaning first. Answers the words and kinds, never the vectors.
import "server-only";
import { search } from "../memory";
import { defineTool } from "./define";
import { searchMemoryToolInput } from "./tool-inputs";

const CONTENT_MAX = 500;

export const searchMemoryTool = defineTool({
  name: "search_memory",
  title: "Search memory",
  description:
    "Searches what the coach remembers about the user (completed tasks and how long they took, breakdowns, check-ins, preferences), nearest in meaning first. Use it to personalise advice.",
  input: searchMemoryToolInput,
  readOnly: true,
  async handler(ctx, input) {
    const hits = await search(ctx.db, { userId: ctx.userId, query: input.query, k: input.k, now: ctx.now });
    return {
      memories: hits.map((h) => ({
        id: h.id,
        kind: h.kind,
        tier: h.tier,
        content: h.content.length > CONTENT_MAX ? `${h.content.slice(0, CONTENT_MAX)}…` : h.content,
        createdAt: h.createdAt.toISOString(),
        distance: Math.round(h.distance * 1000) / 1000,
      })),
    };
  },
});

export const memoryTools = [searchMemoryTool];
