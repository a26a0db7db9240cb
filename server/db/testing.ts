// Fresh databases for tests: an in-memory PGlite, or — when DATABASE_URL is set — a new database
// created on that Postgres server for this test file and dropped afterwards. Same migrations on both.
import "server-only";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "../env";
import { type DbHandle, openPglite, openPostgres } from "./client";

export interface TestDb extends DbHandle {
  name: string;
}

export async function createTestDb(): Promise<TestDb> {
  if (!env.DATABASE_URL) {
    const handle = await openPglite(undefined);
    await handle.migrate();
    return { ...handle, name: "pglite:memory" };
  }
  const name = `ff_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 4);
  await handle.migrate();
  return {
    ...handle,
    name,
    async close() {
      await handle.close();
      const dropper = postgres(env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
