// AUTH_SECRET: generated once and kept in embedded mode; required (start-up stops) with DATABASE_URL.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/server/env";
import { ConfigError } from "@/server/errors";
import { getAuthSecret } from "./secret";

describe("getAuthSecret", () => {
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    it("refuses to run production mode without a shared secret, naming AUTH_SECRET", () => {
      expect(() => getAuthSecret()).toThrow(ConfigError);
      expect(() => getAuthSecret()).toThrow(/AUTH_SECRET is not set/);
    });
  } else if (!env.AUTH_SECRET) {
    it("generates a strong secret once into DATA_DIR and keeps it", () => {
      const secret = getAuthSecret();
      expect(secret.length).toBeGreaterThanOrEqual(40);
      const file = path.resolve(env.DATA_DIR, "auth-secret");
      expect(fs.readFileSync(file, "utf8").trim()).toBe(secret);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(getAuthSecret()).toBe(secret);
    });
  } else {
    it("uses AUTH_SECRET from the environment", () => {
      expect(getAuthSecret()).toBe(env.AUTH_SECRET);
    });
  }
});
