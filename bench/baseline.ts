// Baseline for the bench: a bare node:http server running task.list's exact SQL (captured from the app's query code) via postgres.js or PGlite.
import http from "node:http";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzleProxy } from "drizzle-orm/pg-proxy";
import postgres from "postgres";
import type { Db } from "../server/db/client";
import { listTasks, stepCounts } from "../server/db/queries/tasks";
import * as schema from "../server/db/schema";

/** One SQL statement with its parameters, where a parameter is a constant or a slot filled per request. */
interface Template {
  text: string;
  params: ({ kind: "const"; value: unknown } | { kind: "user" } | { kind: "parent"; index: number })[];
}

const USER_SLOT = "\u0000bench-user";
const PARENT_SLOT = "\u0000bench-parent-";

/**
 * Runs the app's own query functions against a recording drizzle driver (pg-proxy), so the baseline
 * sends byte-for-byte the SQL that task.list sends, whatever listTasks/stepCounts look like today.
 */
async function capture(run: (db: Db) => Promise<unknown>): Promise<Template> {
  const seen: { sql: string; params: unknown[] }[] = [];
  const recorder = drizzleProxy(
    async (sql: string, params: unknown[]) => {
      seen.push({ sql, params });
      return { rows: [] };
    },
    { schema },
  );
  await run(recorder);
  const [first] = seen;
  if (seen.length !== 1 || !first) throw new Error(`expected one statement, captured ${seen.length}`);
  return {
    text: first.sql,
    params: first.params.map((p) => {
      if (p === USER_SLOT) return { kind: "user" } as const;
      if (typeof p === "string" && p.startsWith(PARENT_SLOT)) return { kind: "parent", index: Number(p.slice(PARENT_SLOT.length)) } as const;
      return { kind: "const", value: p } as const;
    }),
  };
}

function fill(template: Template, userId: string, parentIds: string[] = []): unknown[] {
  return template.params.map((p) => (p.kind === "user" ? userId : p.kind === "parent" ? parentIds[p.index] : p.value));
}

interface Runner {
  /** Rows as objects keyed by column name. */
  objects(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Rows as arrays, in column order (the step-count columns have no unique names). */
  arrays(text: string, params: unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

async function openRunner(): Promise<Runner> {
  const url = process.env.BASELINE_DATABASE_URL;
  if (url) {
    const sql = postgres(url, { max: Number(process.env.BASELINE_POOL_MAX ?? 10), onnotice: () => {} });
    const args = (params: unknown[]) => params as postgres.ParameterOrJSON<never>[];
    return {
      // Unnamed, unprepared — what drizzle's postgres-js driver does for these queries.
      objects: async (text, params) => [...(await sql.unsafe(text, args(params)))],
      arrays: async (text, params) => [...(await sql.unsafe(text, args(params)).values())],
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) throw new Error("set BASELINE_DATABASE_URL or BASELINE_PGLITE_DIR");
  const pg = await PGlite.create(dir, { extensions: { vector } });
  return {
    objects: async (text, params) => (await pg.query<Record<string, unknown>>(text, params)).rows,
    arrays: async (text, params) => (await pg.query<unknown[]>(text, params, { rowMode: "array" })).rows,
    close: () => pg.close(),
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.BASELINE_PORT);
  if (!port) throw new Error("set BASELINE_PORT");
  const runner = await openRunner();
  const listTemplate = await capture((db) => listTasks(db, { userId: USER_SLOT, parentId: null }));
  const countTemplates = new Map<number, Template>();
  const countTemplate = async (n: number): Promise<Template> => {
    let t = countTemplates.get(n);
    if (!t) {
      const slots = Array.from({ length: n }, (_, i) => `${PARENT_SLOT}${i}`);
      t = await capture((db) => stepCounts(db, { userId: USER_SLOT, parentIds: slots }));
      countTemplates.set(n, t);
    }
    return t;
  };
  process.stderr.write(`list SQL: ${listTemplate.text}\n`);
  process.stderr.write(`count SQL (n=50): ${(await countTemplate(50)).text}\n`);

  let inFlight = 0;
  const server = http.createServer((req, res) => {
    if (req.url === "/ready") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    const userId = req.headers["x-user-id"];
    if (typeof userId !== "string" || !userId) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"x-user-id missing"}');
      return;
    }
    inFlight++;
    void (async () => {
      const rows = await runner.objects(listTemplate.text, fill(listTemplate, userId));
      const ids = rows.map((r) => String(r.id));
      const counts = new Map<string, { total: number; done: number }>();
      if (ids.length) {
        const t = await countTemplate(ids.length);
        for (const [parentId, total, done] of await runner.arrays(t.text, fill(t, userId, ids))) {
          counts.set(String(parentId), { total: Number(total), done: Number(done) });
        }
      }
      const body = JSON.stringify(
        rows.map((r) => ({ ...r, stepCount: counts.get(String(r.id))?.total ?? 0, stepsDone: counts.get(String(r.id))?.done ?? 0 })),
      );
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    })().catch((error: unknown) => {
      process.stderr.write(`baseline query failed: ${(error as Error).message}\n`);
      res.writeHead(500, { "content-type": "application/json" }).end('{"error":"query failed"}');
    }).finally(() => inFlight--);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, "127.0.0.1", () => process.stderr.write(`baseline listening on 127.0.0.1:${port}\n`));

  // Stop taking requests, let the ones under way finish (briefly), then close the database.
  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + 3_000;
    const finish = () => {
      if (inFlight > 0 && Date.now() < deadline) {
        setTimeout(finish, 20);
        return;
      }
      server.closeAllConnections();
      void runner.close().finally(() => process.exit(0));
    };
    finish();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
