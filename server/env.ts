// The one place that reads process.env: every variable FocusForge understands, validated with zod.
// Unset variables select the embedded defaults (PGlite, offline coach, in-process jobs, in-memory
// rate limit); set ones switch to the production services. See the README's configuration table.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Folder for the embedded database and the generated auth secret. */
    DATA_DIR: z.string().min(1).default(".data"),
    /** Postgres with pgvector; unset → embedded PGlite in DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    /** Pool size per server process for postgres.js. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /** Signs session tokens; required with DATABASE_URL, generated into DATA_DIR otherwise. */
    AUTH_SECRET: z.string().min(16).optional(),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    /** OpenAI or any OpenAI-compatible server; unset → the offline coach. */
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    AI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    /** auto: OpenAI when a key or base URL is set, else offline. offline: never call a model. */
    AI_PROVIDER: z.enum(["auto", "openai", "offline"]).default("auto"),
    AI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300000).default(30000),
    /** Whether AI_MODEL can look at images (photo proofs): auto = OpenAI's own vision models only. */
    AI_VISION: z.enum(["auto", "on", "off"]).default("auto"),
    /** Model tokens (input + output) a user may spend per local day; then the offline coach answers. 0 = no model calls. */
    AI_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(200000),
    /** How long a chain's answer is reused for the same user and input (seconds; default 30 minutes). */
    AI_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86400).default(1800),
    /** Inngest Cloud keys, or INNGEST_DEV=1 for a local Inngest dev server; unset → in-process runner. */
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    INNGEST_DEV: flag,
    INNGEST_BASE_URL: z.string().url().optional(),
    /** Rate-limit store: Upstash REST (Vercel), or REDIS_URL (Node host); unset → in-memory. */
    UPSTASH_REDIS_REST_URL: z.string().url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    REDIS_URL: z.string().url().optional(),
    /** Turns rate limiting off entirely (benchmarks only; logged loudly at start-up). */
    RATE_LIMIT_DISABLED: flag,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});

export type Env = typeof env;

/** Which implementation each piece uses, derived from the environment alone. */
export const modes = {
  database: env.DATABASE_URL ? "postgres" : "pglite",
  ai:
    env.AI_PROVIDER === "offline"
      ? "offline"
      : env.AI_PROVIDER === "openai" || env.OPENAI_API_KEY || env.OPENAI_BASE_URL
        ? "openai"
        : "offline",
  jobs: env.INNGEST_EVENT_KEY || env.INNGEST_DEV ? "inngest" : "embedded",
  rateLimit: env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN ? "upstash" : env.REDIS_URL ? "redis" : "memory",
} as const;
