// mcp.*: the tool registry as Settings sees it — the tools with their JSON Schemas, callTool to run one
// as the signed-in user (rate limited like the coach), and the status behind the MCP server: how many
// tools, which model and embedder, which job runner and rate-limit store, and the model breakers.
import "server-only";
import { chainModel } from "../../ai/providers";
import { describeEmbedder } from "../../ai/embeddings";
import { breakerFor } from "../../chains/breaker";
import { modes } from "../../env";
import { rateLimitRules } from "../../ratelimit";
import { callTool, tools, toolJsonSchema } from "../../tools/registry";
import { aiProcedure, createTRPCRouter, protectedProcedure } from "../trpc";
import { callToolInput } from "./mcp-inputs";

export const mcpRouter = createTRPCRouter({
  tools: protectedProcedure.query(() =>
    tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: toolJsonSchema(t),
      destructive: t.destructive === true,
      readOnly: t.readOnly === true,
    })),
  ),
  // `call` is a reserved word in tRPC routers.
  callTool: aiProcedure()
    .input(callToolInput)
    .mutation(({ ctx, input }) => callTool({ db: ctx.db, userId: ctx.user.id, via: "trpc", signal: ctx.signal }, input.name, input.input)),
  status: protectedProcedure.query(() => {
    const model = chainModel();
    const embedder = describeEmbedder();
    return {
      tools: tools.length,
      destructiveTools: tools.filter((t) => t.destructive).map((t) => t.name),
      endpoint: "/api/mcp",
      transport: "streamable-http (stateless, JSON responses)",
      ai: { provider: model.provider, modelId: model.modelId },
      embedder: { provider: embedder.provider, modelId: embedder.modelId },
      runner: modes.jobs,
      rateLimit: { store: modes.rateLimit, perKey: rateLimitRules.mcp },
      // The offline coach needs no breaker; a model provider has one per process (server/chains/breaker.ts).
      breakers: model.provider === "offline" ? [] : [{ provider: model.provider, state: breakerFor(model.provider === "test" ? model.model : model.provider).state }],
    };
  }),
});
