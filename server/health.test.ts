// /api/ready's check: ready on a migrated database, 503-worthy naming the check otherwise.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/server/db/client";
import { setupTestDb } from "@/test/harness";
import { readiness } from "./health";

const t = setupTestDb();

describe("readiness", () => {
  it("is ready when the database answers and every migration is applied", async () => {
    const result = await readiness(async () => t.handle);
    expect(result).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  });

  it("names the database when it does not answer", async () => {
    const dead = openPostgres("postgres://nobody@127.0.0.1:1/none", 1);
    try {
      const result = await readiness(async () => dead);
      expect(result).toMatchObject({ status: "not_ready", failed: "database" });
    } finally {
      await dead.close();
    }
  });

  it("names the migrations when one is missing", async () => {
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    const result = await readiness(async () => t.handle);
    expect(result).toMatchObject({ status: "not_ready", failed: "migrations", checks: { migrations: "pending" } });
  });
});
