// Bench data: a fresh database (Postgres `focusforge_bench` or a PGlite folder), migrated and seeded with users × tasks.
import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { type Db, openPglite, openPostgres } from "../server/db/client";
import { type NewTask, taskPriorities, tasks, users } from "../server/db/schema";
import { log } from "./lib";

export const BENCH_DB_NAME = "focusforge_bench";

export interface BenchUser {
  id: string;
  email: string;
  name: string;
}

export interface SeedOptions {
  users: number;
  tasksPerUser: number;
  /** Every n-th top-level task gets `stepsPerTask` steps (some done), so stepCounts has rows to count. */
  stepEvery: number;
  stepsPerTask: number;
}

export const defaultSeed: SeedOptions = { users: 1000, tasksPerUser: 50, stepEvery: 5, stepsPerTask: 3 };

const TITLES = [
  "Reply to the landlord about the boiler",
  "Book a dentist appointment",
  "Draft the quarterly report outline",
  "Clean out the fridge",
  "Renew the passport",
  "Call grandma",
  "Sort the tax receipts for 2025",
  "Fix the squeaky bedroom door",
  "Write thank-you notes",
  "Plan meals for next week",
];

type Scalar = string | number | null;

/** A Postgres array literal (`{"a",NULL,"b"}`), sent as one text parameter and cast server-side. */
function arrayLiteral(values: Scalar[]): string {
  const items = values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(",")}}`;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The task columns the bench fills, each with its SQL array type and how to read it from a row. */
const taskColumns: { column: PgColumn; type: string; value: (t: NewTask) => Scalar }[] = [
  { column: tasks.id, type: "uuid[]", value: (t) => t.id ?? randomUUID() },
  { column: tasks.userId, type: "text[]", value: (t) => t.userId },
  { column: tasks.parentId, type: "uuid[]", value: (t) => t.parentId ?? null },
  { column: tasks.depth, type: "smallint[]", value: (t) => t.depth ?? 0 },
  { column: tasks.title, type: "text[]", value: (t) => t.title },
  { column: tasks.notes, type: "text[]", value: (t) => t.notes ?? null },
  { column: tasks.status, type: "task_status[]", value: (t) => t.status ?? "todo" },
  { column: tasks.priority, type: "task_priority[]", value: (t) => t.priority ?? "medium" },
  { column: tasks.position, type: "integer[]", value: (t) => t.position ?? 0 },
  { column: tasks.estimateMinutes, type: "integer[]", value: (t) => t.estimateMinutes ?? null },
  { column: tasks.estimateSource, type: "text[]", value: (t) => t.estimateSource ?? null },
  { column: tasks.dueAt, type: "timestamptz[]", value: (t) => iso(t.dueAt) },
  { column: tasks.completedAt, type: "timestamptz[]", value: (t) => iso(t.completedAt) },
  { column: tasks.createdAt, type: "timestamptz[]", value: (t) => iso(t.createdAt) },
  { column: tasks.updatedAt, type: "timestamptz[]", value: (t) => iso(t.updatedAt ?? t.createdAt) },
];

/**
 * Many tasks in one statement: `insert … select * from unnest($1::uuid[], $2::text[], …)`, one
 * array parameter per column. Drizzle's row-by-row insert builder spends ~10 s of CPU on 80k rows;
 * this takes well under a second of it, on both drivers.
 */
async function insertTasks(db: Db, rows: NewTask[]): Promise<void> {
  const names = sql.join(
    taskColumns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const arrays: SQL[] = taskColumns.map((c) => sql`${arrayLiteral(rows.map(c.value))}::${sql.raw(c.type)}`);
  await db.execute(sql`insert into ${tasks} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts the users and their tasks (ids generated here, so steps can point at parents without a round trip). */
export async function seed(db: Db, opts: SeedOptions = defaultSeed): Promise<BenchUser[]> {
  const started = Date.now();
  const benchUsers: BenchUser[] = [];
  for (let u = 0; u < opts.users; u++) {
    const n = String(u).padStart(5, "0");
    benchUsers.push({ id: `bench-user-${n}`, email: `bench${n}@example.test`, name: `Bench User ${n}` });
  }
  await insertChunked(benchUsers, 1000, (chunk) =>
    db.insert(users).values(chunk.map((u) => ({ id: u.id, email: u.email, name: u.name, passwordHash: null }))),
  );

  const base = Date.UTC(2026, 0, 1);
  const rows: NewTask[] = [];
  for (const [u, user] of benchUsers.entries()) {
    for (let t = 0; t < opts.tasksPerUser; t++) {
      const id = randomUUID();
      const k = u * opts.tasksPerUser + t;
      rows.push({
        id,
        userId: user.id,
        parentId: null,
        depth: 0,
        title: `${TITLES[k % TITLES.length] ?? "Task"} #${t + 1}`,
        notes: t % 3 === 0 ? "Some notes: what done looks like, and the first step if I get stuck." : null,
        status: t % 7 === 0 ? "done" : t % 5 === 0 ? "doing" : "todo",
        priority: taskPriorities[k % taskPriorities.length] ?? "medium",
        position: t,
        estimateMinutes: t % 2 === 0 ? 5 + (k % 12) * 5 : null,
        estimateSource: t % 2 === 0 ? "coach:offline" : null,
        dueAt: t % 4 === 0 ? new Date(base + (k % 60) * 86_400_000) : null,
        completedAt: t % 7 === 0 ? new Date(base + t * 3_600_000) : null,
        createdAt: new Date(base - (opts.tasksPerUser - t) * 60_000),
      });
      if (t % opts.stepEvery === 0) {
        for (let s = 0; s < opts.stepsPerTask; s++) {
          rows.push({
            id: randomUUID(),
            userId: user.id,
            parentId: id,
            depth: 1,
            title: `Step ${s + 1}`,
            status: s === 0 ? "done" : "todo",
            priority: "medium",
            position: s,
            estimateMinutes: 5,
            estimateSource: "coach:offline",
            createdAt: new Date(base + s * 1000),
          });
        }
      }
    }
  }
  // Parents precede their steps in `rows`, and chunks go in order, so the foreign keys hold.
  await insertChunked(rows, 20_000, (chunk) => insertTasks(db, chunk));
  log(`seeded ${benchUsers.length} users and ${rows.length} tasks (incl. steps) in ${Date.now() - started} ms`);
  return benchUsers;
}

/** The URL of database `name` on the same server as `url`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropPostgresBenchDb(adminUrl: string): Promise<void> {
  await admin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${BENCH_DB_NAME}" with (force)`));
}

/** Drops and recreates `focusforge_bench` next to `adminUrl`'s database, migrates and seeds it. */
export async function preparePostgres(adminUrl: string, opts: SeedOptions = defaultSeed): Promise<{ url: string; users: BenchUser[] }> {
  if (new URL(adminUrl).pathname.replace(/^\//, "") === BENCH_DB_NAME) {
    throw new Error(`DATABASE_URL must name another database than ${BENCH_DB_NAME} (the bench drops and recreates it)`);
  }
  await dropPostgresBenchDb(adminUrl);
  await admin(adminUrl, (sql) => sql.unsafe(`create database "${BENCH_DB_NAME}"`));
  const url = withDatabase(adminUrl, BENCH_DB_NAME);
  const handle = openPostgres(url, 4);
  try {
    await handle.migrate();
    const seeded = await seed(handle.db, opts);
    await handle.db.execute(sql`analyze`);
    return { url, users: seeded };
  } finally {
    await handle.close();
  }
}

/** Migrates and seeds a PGlite database in `pgliteDir`, then closes it (PGlite is single-process). */
export async function preparePglite(pgliteDir: string, opts: SeedOptions = defaultSeed): Promise<BenchUser[]> {
  const handle = await openPglite(pgliteDir);
  try {
    await handle.migrate();
    const seeded = await seed(handle.db, opts);
    await handle.db.execute(sql`analyze`);
    return seeded;
  } finally {
    await handle.close();
  }
}
