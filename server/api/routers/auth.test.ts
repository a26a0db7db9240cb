// auth.register and the credential check behind sign-in, on a real database.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/server/auth/accounts";
import { users } from "@/server/db/schema";
import { eq } from "drizzle-orm";
import { callerFor, rejects, setupTestDb } from "@/test/harness";

const t = setupTestDb();
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

describe("auth.register", () => {
  it("creates an account with an argon2id hash (19 MiB, t=2, p=1), never the password", async () => {
    const api = callerFor(t.db, null, freshIp());
    const user = await api.auth.register({ email: "  Ana@Example.com ", password: "s3cret-enough", name: "Ana" });
    expect(user.email).toBe("ana@example.com");
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain("s3cret-enough");
  });

  it("refuses a second account for the same email (any case) with CONFLICT naming the email", async () => {
    await callerFor(t.db, null, freshIp()).auth.register({ email: "dup@example.com", password: "password-1", name: "A" });
    const error = await rejects(
      callerFor(t.db, null, freshIp()).auth.register({ email: "DUP@example.com", password: "password-2", name: "B" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/^email:/);
  });

  it.each([
    ["email", { email: "not-an-email", password: "long-enough", name: "X" }],
    ["password", { email: "short@example.com", password: "short", name: "X" }],
    ["name", { email: "noname@example.com", password: "long-enough", name: "  " }],
  ])("rejects a bad %s with BAD_REQUEST naming it", async (field, input) => {
    const error = await rejects(callerFor(t.db, null, freshIp()).auth.register(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain(field);
  });

  it("is rate limited per IP with TOO_MANY_REQUESTS and a retry time", async () => {
    const ip = freshIp();
    const api = callerFor(t.db, null, ip);
    let limited: TRPCError | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      try {
        await api.auth.register({ email: `flood${i}@example.com`, password: "long-enough", name: "F" });
      } catch (error) {
        if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS") limited = error;
        else throw error;
      }
    }
    expect(limited?.message).toMatch(/try again in \d+ second/i);
  });
});

describe("credentials sign-in check", () => {
  it("accepts the right password and refuses a wrong one or an unknown email", async () => {
    await callerFor(t.db, null, freshIp()).auth.register({ email: "sign@example.com", password: "right-password", name: "S" });
    const ok = await verifyCredentials(t.db, { email: "SIGN@example.com", password: "right-password" }, { ip: freshIp() });
    expect(ok?.email).toBe("sign@example.com");
    expect(await verifyCredentials(t.db, { email: "sign@example.com", password: "wrong-password" }, { ip: freshIp() })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "nobody@example.com", password: "whatever-1" }, { ip: freshIp() })).toBeNull();
    expect(await verifyCredentials(t.db, { email: 5, password: null }, { ip: freshIp() })).toBeNull();
  });

  it("spends comparable time on unknown emails and known ones (argon2 runs either way)", async () => {
    await callerFor(t.db, null, freshIp()).auth.register({ email: "timing@example.com", password: "right-password", name: "T" });
    const time = async (email: string) => {
      const start = performance.now();
      await verifyCredentials(t.db, { email, password: "wrong-password" }, { ip: freshIp() });
      return performance.now() - start;
    };
    await time("warmup@example.com");
    const known = await time("timing@example.com");
    const unknown = await time("ghost@example.com");
    // Both paths run a full argon2id verification; an early return would be ~100x faster.
    expect(unknown).toBeGreaterThan(known / 4);
  });

  it("locks out a flood of attempts on one email", async () => {
    let limited = false;
    for (let i = 0; i < 15 && !limited; i++) {
      try {
        await verifyCredentials(t.db, { email: "victim@example.com", password: `guess-${i}` }, { ip: freshIp() });
      } catch (error) {
        limited = (error as Error).name === "RateLimitedError";
      }
    }
    expect(limited).toBe(true);
  });
});
