// User rows: lookups by email for sign-in and the insert behind registration.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return row;
}

export async function insertUser(
  db: Db,
  input: { email: string; name: string; passwordHash: string; timeZone?: string },
) {
  const [row] = await db
    .insert(users)
    .values({ email: normaliseEmail(input.email), name: input.name, passwordHash: input.passwordHash, timeZone: input.timeZone ?? "UTC" })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row;
}
