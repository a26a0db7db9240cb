// `npm run eval [-- <folder>]`: runs every chain over the cases in <folder> (default eval/fixtures:
// breakdown.jsonl, capture.jsonl, proof.jsonl — a chain without a file is skipped) and prints one JSON
// line per chain on stdout: {"eval","cases","passed","score","provider","fallbacks"}; each failing
// case goes to stderr with the rules it broke. With OPENAI_API_KEY (or OPENAI_BASE_URL) the configured
// model answers, otherwise the offline coach. Runs against a throwaway database (PGlite in memory, or a
// fresh database on DATABASE_URL's server) as a made-up user; exits 1 if a case could not run at all.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { ChainCtx, ChainMeta } from "../server/chains/run";
import { type EvalChain, evalChains, type Loaded, loadCases, localToInstant } from "./cases";
import type { BreakdownCase, CaptureCase, ProofCase } from "./cases";
import { checkBreakdownLevel, checkCapture, checkProof } from "./checks";

interface Outcome {
  problems: string[];
  metas: ChainMeta[];
}

interface Report {
  eval: EvalChain;
  cases: number;
  passed: number;
  score: number;
  /** Who answered: "openai", "offline", or e.g. "openai+offline" when some calls fell back. */
  provider: string;
  /** Calls the offline coach answered because the configured model failed, timed out or was skipped. */
  fallbacks: number;
}

/** Breakdown: the task at its spiciness, then its first step broken down again (the second level). */
async function breakdownCase(ctx: ChainCtx, c: BreakdownCase): Promise<Outcome> {
  const { breakdownChain } = await import("../server/chains/breakdown");
  const spiciness = c.spiciness as 1 | 2 | 3 | 4 | 5;
  const first = await breakdownChain(ctx, { title: c.task, notes: c.notes ?? null, spiciness });
  const problems = checkBreakdownLevel(first.output, { mustMention: c.must_mention });
  const step = first.output.steps[0];
  const metas = [first.meta];
  if (step) {
    const second = await breakdownChain(ctx, { title: step.title, spiciness, parentTitles: [c.task] });
    problems.push(...checkBreakdownLevel(second.output, { level: 2 }));
    metas.push(second.meta);
  }
  return { problems, metas };
}

async function captureCase(ctx: ChainCtx, c: CaptureCase): Promise<Outcome> {
  const { captureChain } = await import("../server/chains/capture");
  const result = await captureChain(ctx, { text: c.text, now: localToInstant(c.now, c.tz), timeZone: c.tz });
  return { problems: checkCapture(result.output, c), metas: [result.meta] };
}

async function proofCase(ctx: ChainCtx, c: ProofCase): Promise<Outcome> {
  const { proofChain } = await import("../server/chains/proof");
  const result = await proofChain(ctx, {
    task: { title: c.task, notes: c.notes ?? null },
    proof: { kind: c.proof.kind, value: c.proof.value, mimeType: c.proof.mimeType ?? null, caption: c.proof.caption ?? null },
  });
  return { problems: checkProof(result.output, c), metas: [result.meta] };
}

const runners: { [K in EvalChain]: (ctx: ChainCtx, c: never) => Promise<Outcome> } = {
  breakdown: breakdownCase,
  capture: captureCase,
  proof: proofCase,
};

async function evaluate(ctx: ChainCtx, chain: EvalChain, cases: Loaded<unknown>[]): Promise<{ report: Report; crashed: number }> {
  let passed = 0;
  let crashed = 0;
  let fallbacks = 0;
  const providers = new Set<string>();
  const run = runners[chain] as (ctx: ChainCtx, c: unknown) => Promise<Outcome>;
  for (const { where, value } of cases) {
    try {
      const { problems, metas } = await run(ctx, value);
      for (const meta of metas) {
        providers.add(meta.provider);
        if (meta.fallback) fallbacks += 1;
      }
      if (problems.length === 0) passed += 1;
      else process.stderr.write(`${chain} FAIL ${where}\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    } catch (error) {
      crashed += 1;
      process.stderr.write(`${chain} ERROR ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  const score = cases.length ? Math.round((passed / cases.length) * 1000) / 1000 : 0;
  const provider = [...providers].sort((a, b) => (a === "offline" ? 1 : b === "offline" ? -1 : a.localeCompare(b))).join("+") || "none";
  return { report: { eval: chain, cases: cases.length, passed, score, provider, fallbacks }, crashed };
}

async function main(): Promise<number> {
  const folder = path.resolve(process.argv[2] ?? path.join(process.cwd(), "eval", "fixtures"));
  // The chains log every fallback as a warning; the per-case report on stderr says what matters.
  process.env.LOG_LEVEL ??= "error";
  // Loaded after LOG_LEVEL is set: server/env.ts reads the environment once, on import.
  const { createTestDb } = await import("../server/db/testing");
  const { insertUser } = await import("../server/db/queries/users");

  const found: [EvalChain, Loaded<unknown>[]][] = [];
  for (const chain of evalChains) {
    const cases: Loaded<unknown>[] | null = await loadCases(folder, chain);
    if (cases) found.push([chain, cases]);
  }
  if (found.length === 0) {
    process.stderr.write(`No cases in ${folder}: expected ${evalChains.map((c) => `${c}.jsonl`).join(", ")}\n`);
    return 1;
  }

  const handle = await createTestDb();
  let crashed = 0;
  try {
    const user = await insertUser(handle.db, { email: `eval-${randomUUID()}@example.com`, name: "Eval", passwordHash: "!" });
    if (!user) throw new Error("could not create the evaluation user");
    const ctx: ChainCtx = { db: handle.db, userId: user.id };
    for (const [chain, cases] of found) {
      const result = await evaluate(ctx, chain, cases);
      crashed += result.crashed;
      process.stdout.write(`${JSON.stringify(result.report)}\n`);
    }
  } finally {
    await handle.close();
  }
  return crashed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
