// Shared test harness: a fresh database per test file (PGlite, or a new database on DATABASE_URL's
// server), users made directly in it, and tRPC callers acting as them.
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { insertUser } from "@/server/db/queries/users";
import { createTestDb, type TestDb } from "@/server/db/testing";

export interface Harness {
  db: Db;
  handle: TestDb;
}

/** Opens a fresh, migrated database for this file and closes it afterwards. */
export function setupTestDb(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.handle = await createTestDb();
    harness.db = harness.handle.db;
  });
  afterAll(async () => {
    await harness.handle?.close();
  });
  return harness;
}

let passwordHash: Promise<string> | undefined;

export async function makeUser(db: Db, name = "Test User") {
  passwordHash ??= hashPassword("correct horse battery");
  const user = await insertUser(db, { email: `${randomUUID()}@example.com`, name, passwordHash: await passwordHash });
  if (!user) throw new Error("could not create test user");
  return user;
}

export function callerFor(db: Db, user: { id: string; email?: string | null } | null, ip = "203.0.113.7") {
  const headers = new Headers({ "x-forwarded-for": ip });
  return createCaller(createContext({ db, user, headers }));
}

/** The TRPCError a call fails with; fails the test if the call succeeds or throws something else. */
export async function rejects(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
