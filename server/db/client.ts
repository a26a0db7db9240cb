// The database: postgres.js when DATABASE_URL is set, otherwise PGlite (+ pgvector) in DATA_DIR.
// One handle per process, kept on globalThis so Next's route bundles and dev reloads share it
// (two PGlite instances on one folder would corrupt it). Migrations run before the first query.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "../env";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's database (or a transaction on it): queries take this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Rows of a raw `db.execute` result: postgres.js returns an array, PGlite an object with `rows`. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");
/** Serialises migrations across instances that start at the same time. */
const MIGRATION_LOCK = 7_202_611;

export function openPostgres(url: string, poolMax = env.DATABASE_POOL_MAX): DbHandle {
  const client = postgres(url, { max: poolMax, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres(client, { schema });
  return {
    db,
    driver: "postgres",
    async migrate() {
      // One connection, so the session-level advisory lock covers the migrator's own transaction.
      const lockClient = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** dataDir: a folder (created if missing), or undefined for an in-memory database (tests). */
export async function openPglite(dataDir: string | undefined): Promise<DbHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  const db = drizzlePglite(client, { schema });
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

type Global = typeof globalThis & { __focusforgeDb?: Promise<DbHandle> };
const g = globalThis as Global;

async function openDefault(): Promise<DbHandle> {
  const handle = env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL)
    : await openPglite(path.resolve(env.DATA_DIR, "pglite"));
  await handle.migrate();
  // PGlite's first real query is slow; pay it here, not in a user's request.
  await handle.db.execute(sql`select 1`);
  return handle;
}

/** The process-wide database, migrated. A failed open is forgotten so the next call retries. */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__focusforgeDb) {
    g.__focusforgeDb = openDefault().catch((error: unknown) => {
      g.__focusforgeDb = undefined;
      throw error;
    });
  }
  return g.__focusforgeDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
