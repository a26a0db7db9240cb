// The search variants the memory benchmark compares — the app's exact path and the naive HNSW scans —
// with the plan each one gets per user (EXPLAIN) and the figures line for each (variant × user group).
import { search } from "../server/memory";
import { provenExact, SEARCH_POOL_EXTRA, toHalfQueryLiteral } from "../server/memory/store";
import { type Hit, judge, measureRunner, type Query, type Truth } from "./memory-measure";
import type { Settings } from "./memory-db";
import { type BenchDb, HNSW_INDEX } from "./memory-seed";
import { log } from "./lib";

/** search()'s SQL as drizzle sent it, with the parameter values it had (to re-bind for other queries). */
export interface Captured {
  text: string;
  params: unknown[];
  literal: string;
  /** The query as the first pass compares it (scaled to length 1; Postgres rounds it to halfvec). */
  halfLiteral: string;
  userId: string;
}

export interface Ctx {
  bench: BenchDb;
  captured: Captured;
  truthOf: Map<Query, Truth>;
  k: number;
  concurrency: number;
  qpsSeconds: number;
}

export interface Group {
  group: string;
  rows: number;
  users: number;
  goalP95: number;
  clustered: Query[];
  text: Query[];
}

export interface Variant {
  name: string;
  /** Part of the app's exact path (measured with and without the HNSW index), or a naive comparison. */
  exact: boolean;
  /** Which queries it answers: free text (the app embeds it) or clustered vectors. */
  input: "text" | "clustered";
  settings: Settings;
  /** The SQL and its parameters for one query, for EXPLAIN (the app's: the SQL search() was seen to send). */
  sql(ctx: Ctx, q: Query): { text: string; params: unknown[]; prepare: boolean };
  run(ctx: Ctx, q: Query): Promise<Hit[]>;
}

/**
 * Runs search() once through a logging drizzle handle and keeps the first statement it sends: the fast
 * one (a second, the bounded statement, follows only when the first cannot prove its answer exact).
 */
export async function captureSearchSql(bench: BenchDb, q: Query, k: number): Promise<Captured> {
  if (!q.text) throw new Error("capturing search()'s SQL needs a text query");
  const logged: { query: string; params: unknown[] }[] = [];
  const db = bench.withLogger({ logQuery: (query, params) => logged.push({ query, params }) });
  await search(db, { userId: q.user.id, query: q.text, k });
  const [first] = logged;
  if (!first || logged.length > 2) throw new Error(`search() sent ${logged.length} statements; the bench expects one or two`);
  const halfLiteral = first.params.find((p) => typeof p === "string" && p.startsWith("[") && p !== q.literal);
  if (typeof halfLiteral !== "string") throw new Error("search()'s SQL no longer takes the half-vector query as a parameter");
  const captured = { text: first.query, params: first.params, literal: q.literal, halfLiteral, userId: q.user.id };
  bind(captured, q); // checks the vector and the user id are among the parameters
  log(`search() sends first: ${first.query.replace(/\s+/g, " ")}`);
  return captured;
}

/** The captured parameters with the vector and the user swapped for `q`'s (everything else as search() set it). */
function bind(c: Captured, q: Query): unknown[] {
  let vectors = 0;
  let halves = 0;
  let users = 0;
  const params = c.params.map((p) => {
    if (p === c.literal) return (vectors++, q.literal);
    if (p === c.halfLiteral) return (halves++, toHalfQueryLiteral(Array.from(q.vector)));
    if (p === c.userId) return (users++, q.user.id);
    return p;
  });
  if (vectors === 0 || halves === 0 || users === 0) throw new Error("search()'s SQL no longer takes the query vectors and the user id as parameters");
  return params;
}

/** How often the fast statement, run bare, could not prove its answer exact (search() then runs the bounded one). */
const fastPass = { runs: 0, unproven: 0 };

const NAIVE = "select id, embedding <=> $2::vector as distance from memories where user_id = $1 order by embedding <=> $2::vector limit $3";
const ITERATIVE: Settings = { "hnsw.iterative_scan": "relaxed_order" };
/** With sorting priced out, the only plan left that yields rows in distance order is the HNSW index scan. */
const FORCE_HNSW: Settings = { enable_sort: "off" };

function hits(rows: { id: string; distance: number | string }[]): Hit[] {
  return rows.map((r) => ({ id: r.id, distance: Number(r.distance) }));
}

function naive(name: string, settings: Settings): Variant {
  // Not prepared: each call is planned for its own user, as a one-off query would be (a prepared
  // statement may settle on one generic plan for everybody after five runs).
  const sql = (ctx: Ctx, q: Query) => ({ text: NAIVE, params: [q.user.id, q.literal, ctx.k], prepare: false });
  return {
    name,
    exact: false,
    input: "clustered",
    settings,
    sql,
    run: async (ctx, q) => {
      const s = sql(ctx, q);
      const rows = Object.keys(settings).length
        ? await ctx.bench.raw.inTransaction<{ id: string; distance: number }>(settings, s.text, s.params, s)
        : await ctx.bench.raw.query<{ id: string; distance: number }>(s.text, s.params, s);
      return hits(rows);
    },
  };
}

export const variants: Variant[] = [
  {
    name: "app",
    exact: true,
    input: "text",
    settings: {},
    sql: (ctx, q) => ({ text: ctx.captured.text, params: bind(ctx.captured, q), prepare: true }),
    run: async (ctx, q) => hits(await search(ctx.bench.db, { userId: q.user.id, query: q.text as string, k: ctx.k })),
  },
  {
    name: "sql",
    exact: true,
    input: "clustered",
    settings: {},
    sql: (ctx, q) => ({ text: ctx.captured.text, params: bind(ctx.captured, q), prepare: true }),
    run: async (ctx, q) => {
      const rows = await ctx.bench.raw.query<{ id: string; distance: number; pool_edge: number; pool_size: number | string }>(ctx.captured.text, bind(ctx.captured, q));
      const proof = rows.map((r) => ({ distance: Number(r.distance), poolEdge: Number(r.pool_edge), poolSize: Number(r.pool_size) }));
      fastPass.runs++;
      if (!provenExact(proof, ctx.k, ctx.k + SEARCH_POOL_EXTRA)) fastPass.unproven++;
      return hits(rows);
    },
  },
  naive("naive", {}),
  naive("naive_iterative", ITERATIVE),
  naive("hnsw", FORCE_HNSW),
  naive("hnsw_iterative", { ...FORCE_HNSW, ...ITERATIVE }),
];

type PlanNode = { "Node Type"?: string; "Index Name"?: string; Plans?: PlanNode[] } & Record<string, unknown>;

function planNodes(node: PlanNode, out: string[] = []): string[] {
  out.push(node["Index Name"] ? `${node["Node Type"]} using ${node["Index Name"]}` : String(node["Node Type"]));
  for (const child of node.Plans ?? []) planNodes(child, out);
  return out;
}

async function explain(ctx: Ctx, v: Variant, q: Query, analyze: boolean) {
  const s = v.sql(ctx, q);
  const text = `explain (${analyze ? "analyze, buffers, " : ""}format json) ${s.text}`;
  const rows = Object.keys(v.settings).length
    ? await ctx.bench.raw.inTransaction<Record<string, unknown>>(v.settings, text, s.params, { prepare: false })
    : await ctx.bench.raw.query<Record<string, unknown>>(text, s.params, { prepare: false });
  const raw = Object.values(rows[0] ?? {})[0];
  const doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode } & Record<string, unknown>];
  return doc[0];
}

/** What SHOW says for each setting inside the variant's transaction (proof the SET LOCAL took). */
async function shown(ctx: Ctx, settings: Settings): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(settings)) {
    const [row] = await ctx.bench.raw.inTransaction<Record<string, string>>(settings, `show ${name}`, [], { prepare: false });
    out[name] = Object.values(row ?? {})[0] ?? "?";
  }
  const [ef] = await ctx.bench.raw.inTransaction<Record<string, string>>(settings, "show hnsw.ef_search", [], { prepare: false });
  out["hnsw.ef_search"] = Object.values(ef ?? {})[0] ?? "?";
  return out;
}

/** The figures lines for these variants on one group of users. */
export async function measureVariants(ctx: Ctx, list: Variant[], g: Group, hnswIndex: boolean): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  for (const v of list) {
    const queries = v.input === "text" ? g.text : g.clustered;
    const label = `${v.name} / ${g.group} (${g.rows} rows a user${hnswIndex ? ", HNSW present" : ""})`;
    // Which plan each user's query gets (one EXPLAIN per user; plans depend on the user's row count).
    const planUsesHnsw = new Map<string, boolean>();
    for (const q of queries) {
      if (planUsesHnsw.has(q.user.id)) continue;
      planUsesHnsw.set(q.user.id, planNodes((await explain(ctx, v, q, false)).Plan).some((n) => n.includes(HNSW_INDEX)));
    }
    const settingsShown = Object.keys(v.settings).length ? await shown(ctx, v.settings) : undefined;
    const truths = queries.map((q) => ctx.truthOf.get(q) as Truth);
    fastPass.runs = 0;
    fastPass.unproven = 0;
    const { figures, judged } = await measureRunner(label, (q) => v.run(ctx, q), queries, truths, { ...ctx, serverCpu: ctx.bench.serverCpu });
    const onHnsw = queries.map((q, i) => ({ hnsw: planUsesHnsw.get(q.user.id) === true, j: judged[i] }));
    const hnswQueries = onHnsw.filter((x) => x.hnsw);
    const line: Record<string, unknown> = {
      variant: v.name,
      group: g.group,
      rows_per_user: g.rows,
      users_in_group: g.users,
      hnsw_index: hnswIndex,
      ...figures,
      concurrency: ctx.concurrency,
      hnsw_plan_share: Number((hnswQueries.length / queries.length).toFixed(4)),
    };
    if (hnswQueries.length > 0 && hnswQueries.length < queries.length) {
      line.recall_on_hnsw_plan = Number((hnswQueries.reduce((a, x) => a + (x.j?.recall ?? 0), 0) / hnswQueries.length).toFixed(4));
    }
    if (settingsShown) line.settings = settingsShown;
    // The bare fast statement's recall is its own; search() re-runs the unproven share exactly.
    if (v.name === "sql") line.unproven_share = Number((fastPass.unproven / Math.max(1, fastPass.runs)).toFixed(4));
    if (v.exact) {
      line.goal_p95_ms = g.goalP95;
      line.meets_goal = figures.recall_min === 1 && figures.short_share === 0 && figures.p95_ms <= g.goalP95;
    }
    if (v.name === "app") line.same_rows_as_bare_sql = await appMatchesSql(ctx, g.text.slice(0, 50));
    lines.push(line);
  }
  return lines;
}

/** search() and its captured SQL run bare must return the same rows in the same order: "n/n". */
async function appMatchesSql(ctx: Ctx, queries: Query[]): Promise<string> {
  let same = 0;
  for (const q of queries) {
    const app = await search(ctx.bench.db, { userId: q.user.id, query: q.text as string, k: ctx.k });
    const bare = await ctx.bench.raw.query<{ id: string }>(ctx.captured.text, bind(ctx.captured, q));
    if (app.map((r) => r.id).join() === bare.map((r) => r.id).join()) same++;
  }
  if (same !== queries.length) log(`WARNING: search() and its bare SQL disagreed on ${queries.length - same} of ${queries.length} queries`);
  return `${same}/${queries.length}`;
}

/** EXPLAIN ANALYZE of the app's SQL (and, with the HNSW index, the naive query) for one user of the group. */
export async function planLine(ctx: Ctx, g: Group, hnswIndex: boolean): Promise<Record<string, unknown>> {
  const q = g.clustered[0] as Query;
  const app = variants.find((v) => v.name === "sql") as Variant;
  const a = await explain(ctx, app, q, true);
  const appNodes = planNodes(a.Plan);
  const buffers = (p: PlanNode) => ({ hit: Number(p["Shared Hit Blocks"] ?? 0), read: Number(p["Shared Read Blocks"] ?? 0) });
  const line: Record<string, unknown> = {
    group: g.group,
    rows_per_user: g.rows,
    hnsw_index: hnswIndex,
    user: q.user.id,
    app_plan: appNodes.join(" > "),
    app_uses_hnsw: appNodes.some((n) => n.includes(HNSW_INDEX)),
    app_planning_ms: a["Planning Time"],
    app_execution_ms: a["Execution Time"],
    app_shared_buffers: buffers(a.Plan),
    jit: "JIT" in a,
    app_recall: judge(
      hits(await ctx.bench.raw.query<{ id: string; distance: number }>(ctx.captured.text, bind(ctx.captured, q))),
      ctx.truthOf.get(q) as Truth,
      ctx.k,
    ).recall,
  };
  if (hnswIndex) {
    const n = await explain(ctx, variants.find((v) => v.name === "naive") as Variant, q, true);
    const naiveNodes = planNodes(n.Plan);
    line.naive_plan = naiveNodes.join(" > ");
    line.naive_uses_hnsw = naiveNodes.some((x) => x.includes(HNSW_INDEX));
    line.naive_execution_ms = n["Execution Time"];
    line.naive_rows = (n.Plan["Actual Rows"] as number | undefined) ?? null;
  }
  return line;
}
