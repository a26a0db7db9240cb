// AUTH_SECRET: from the environment, or — in embedded mode only — generated once into DATA_DIR so
// sessions survive restarts. With DATABASE_URL set (production) a missing secret stops start-up.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import { ConfigError } from "../errors";

let cached: string | undefined;

export function getAuthSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.DATABASE_URL) {
    throw new ConfigError(
      "AUTH_SECRET is not set. With DATABASE_URL set FocusForge runs in production mode and needs a fixed " +
        "secret shared by every instance: generate one with `openssl rand -base64 33` and set AUTH_SECRET.",
    );
  }
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(33).toString("base64");
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      cached = fresh;
    } catch {
      // Another process wrote it first: use theirs.
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
