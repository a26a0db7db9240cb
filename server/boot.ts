// Start-up, once per server process (from instrumentation.ts): check the configuration, open and
// migrate the database (warming PGlite), start the in-process job runner when Inngest is off, and
// queue re-embedding for memories a previous embedding model made.
import "server-only";
import { getAuthSecret } from "./auth/secret";
import { getDb } from "./db/client";
import { modes, env } from "./env";
import { registerEmbeddedFunctions } from "./inngest";
import { dispatchReembedJobs } from "./inngest/functions/reembed-memories";
import { log } from "./log";

export async function boot(): Promise<void> {
  try {
    getAuthSecret();
  } catch (error) {
    log.error((error as Error).message);
    // A production instance without a shared secret would hand out sessions no other instance accepts.
    process.exit(1);
  }
  if (env.RATE_LIMIT_DISABLED) log.warn("RATE_LIMIT_DISABLED is set: sign-in, register and AI calls are not rate limited");
  if (modes.jobs === "embedded") registerEmbeddedFunctions(getDb);
  const started = Date.now();
  try {
    const db = await getDb();
    log.info("FocusForge ready", { ...modes, dbOpenMs: Date.now() - started });
    // In the background: memories embedded by another model than the configured one (or never
    // embedded because a job was lost in a restart) get a re-embed job per user.
    dispatchReembedJobs(db)
      .then(({ users, modelId }) => {
        if (users) log.info("re-embedding memories", { users, modelId });
      })
      .catch((error: unknown) => log.error("could not start re-embedding memories", { error }));
  } catch (error) {
    // Not fatal: /api/ready reports it and the next request retries the connection.
    log.error("database not available at start-up; will retry on the next request", { error });
  }
}
