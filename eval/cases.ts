// The shape of evaluation cases (one JSON object a line in <folder>/<chain>.jsonl), validated on load
// so a malformed case is reported by file and line instead of scoring as a silent failure.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { offsetMinutes } from "../server/time";

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "a local date-time like 2026-11-23T09:00:00");
const dueValue = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, "YYYY-MM-DD or YYYY-MM-DDTHH:mm");

export const breakdownCase = z.object({
  task: z.string().min(1),
  notes: z.string().optional(),
  spiciness: z.number().int().min(1).max(5),
  must_mention: z.array(z.string().min(1)).default([]),
});

export const captureCase = z.object({
  text: z.string().min(1),
  now: localDateTime,
  tz: z.string().min(1),
  max_tasks: z.number().int().min(1),
  expect: z.array(z.object({ title_has: z.string().min(1), due: dueValue.optional() })),
});

export const proofCase = z.object({
  task: z.string().min(1),
  notes: z.string().optional(),
  proof: z.object({ kind: z.enum(["text", "link", "image"]), value: z.string().min(1), mimeType: z.string().optional(), caption: z.string().optional() }),
  label: z.enum(["accepted", "needs_more", "rejected"]),
});

export type BreakdownCase = z.infer<typeof breakdownCase>;
export type CaptureCase = z.infer<typeof captureCase>;
export type ProofCase = z.infer<typeof proofCase>;

export const caseSchemas = { breakdown: breakdownCase, capture: captureCase, proof: proofCase } as const;
export type EvalChain = keyof typeof caseSchemas;
export const evalChains = Object.keys(caseSchemas) as EvalChain[];

export interface Loaded<C> {
  /** "<file>:<line>", for reports. */
  where: string;
  value: C;
}

/** The cases of one chain in `folder`, or null when the folder has no file for it. */
export async function loadCases<K extends EvalChain>(folder: string, chain: K): Promise<Loaded<z.infer<(typeof caseSchemas)[K]>>[] | null> {
  const file = path.join(folder, `${chain}.jsonl`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const schema = caseSchemas[chain];
  const cases: Loaded<z.infer<(typeof caseSchemas)[K]>>[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "case"}: ${issue.message}`).join("; ")}`);
    }
    cases.push({ where, value: parsed.data as z.infer<(typeof caseSchemas)[K]> });
  });
  return cases;
}

/** The instant at which the wall clock in `timeZone` shows `local` ("2026-11-23T09:00:00"). */
export function localToInstant(local: string, timeZone: string): Date {
  const [date, time = "00:00:00"] = local.split("T");
  const [y, m, d] = (date ?? "").split("-").map(Number);
  const [hh, mm, ss = 0] = time.split(":").map(Number);
  const asUtc = Date.UTC(y!, m! - 1, d!, hh!, mm!, ss);
  let instant = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  instant = asUtc - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant);
}
