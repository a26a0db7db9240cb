// The readiness check behind /api/ready: database reachable, migrations applied.
import "server-only";
import { sql } from "drizzle-orm";
import { type DbHandle, getDbHandle } from "./db/client";
import { appliedMigrations, expectedMigrations } from "./db/migrate";
import { modes } from "./env";
import { log } from "./log";

export interface Readiness {
  status: "ready" | "not_ready";
  checks: { database: "ok" | "failed"; migrations: "ok" | "pending" | "unknown" };
  failed?: string;
  modes: typeof modes;
}

export async function readiness(getHandle: () => Promise<DbHandle> = getDbHandle): Promise<Readiness> {
  try {
    const handle = await withTimeout(getHandle(), 10_000);
    await withTimeout(handle.db.execute(sql`select 1`), 5_000);
    const [applied, expected] = [await appliedMigrations(handle.db), expectedMigrations()];
    if (applied < expected) {
      return { status: "not_ready", checks: { database: "ok", migrations: "pending" }, failed: "migrations", modes };
    }
    return { status: "ready", checks: { database: "ok", migrations: "ok" }, modes };
  } catch (error) {
    log.warn("readiness check failed", { error });
    return { status: "not_ready", checks: { database: "failed", migrations: "unknown" }, failed: "database", modes };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);
}
