// Email + password accounts: registration and the credential check behind the `credentials`
// provider. Both are rate-limited per IP and per email; unknown emails cost as much as known ones.
import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { findUserByEmail, insertUser, normaliseEmail } from "../db/queries/users";
import { ConflictError } from "../errors";
import { enforceRateLimit } from "../ratelimit";
import { hashPassword, verifyPassword } from "./password";

export const emailField = z.string().trim().min(3, "Enter your email address").max(254).email("Enter a valid email address");
export const passwordField = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

export const registerInput = z.object({
  email: emailField,
  password: passwordField,
  name: z.string().trim().min(1, "Tell us what to call you").max(100, "Use at most 100 characters"),
  timeZone: z.string().max(64).optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const credentialsInput = z.object({ email: emailField, password: z.string().min(1).max(128) });

function validTimeZone(tz: string | undefined): string {
  if (!tz) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

export async function registerAccount(db: Db, input: RegisterInput, meta: { ip: string }) {
  await enforceRateLimit("register", `ip:${meta.ip}`);
  await enforceRateLimit("register", `email:${normaliseEmail(input.email)}`);
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(db, { ...input, passwordHash, timeZone: validTimeZone(input.timeZone) });
  if (!user) throw new ConflictError("email: An account with this email already exists. Sign in instead.");
  return user;
}

/** The user for a correct email + password, else null. Throws RateLimitedError when over the limit. */
export async function verifyCredentials(db: Db, raw: unknown, meta: { ip: string }) {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await enforceRateLimit("signIn", `ip:${meta.ip}`);
  await enforceRateLimit("signIn", `email:${normaliseEmail(email)}`);
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}

/** The caller's IP as the proxy in front of us reports it. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "local";
}
