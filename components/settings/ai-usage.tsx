"use client";
// Settings → "Coach usage": today's model tokens against the daily budget, how many calls, cache
// hits and offline fallbacks there were, and the latest calls with who answered them and why.
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";

const chainNames: Record<string, string> = {
  capture: "Capture",
  analysis: "Size up",
  breakdown: "Break down",
  motivation: "Encouragement",
  proof: "Proof check",
  chat: "Chat",
};

const reasons: Record<string, string> = {
  timeout: "the model took too long",
  breaker_open: "the model was failing, so it was skipped for a minute",
  budget: "today's token budget was used up",
  aborted: "you stopped it",
};

function whyOffline(error: string | null): string {
  if (!error) return "";
  return reasons[error] ?? "the model returned an error";
}

const numbers = new Intl.NumberFormat();

export function AiUsage() {
  const trpc = useTRPC();
  const usage = useQuery(trpc.usage.summary.queryOptions({ recent: 20 }));

  return (
    <section aria-labelledby="ai-usage-heading" className="flex flex-col gap-3" data-testid="ai-usage">
      <h2 id="ai-usage-heading" className="text-lg font-semibold">
        Coach usage
      </h2>
      {usage.isPending ? <p className="text-[var(--muted)]">Loading usage…</p> : null}
      {usage.error ? <ErrorNote error={usage.error} retry={() => void usage.refetch()} /> : null}
      {usage.data ? <Summary data={usage.data} /> : null}
    </section>
  );
}

type Data = inferRouterOutputs<AppRouter>["usage"]["summary"];

function Summary({ data }: { data: Data }) {
  const { today, recent } = data;
  const budget = Math.max(today.tokenBudget, 1);
  const percent = Math.min(100, Math.round((today.tokensUsed / budget) * 100));
  const spent = today.tokensUsed >= today.tokenBudget;
  return (
    <>
      <div className="flex flex-col gap-1 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4">
        <div className="flex items-baseline justify-between gap-2 text-sm">
          <span id="ai-budget-label">Model tokens today</span>
          <span data-testid="ai-usage-tokens">
            {numbers.format(today.tokensUsed)} of {numbers.format(today.tokenBudget)}
          </span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="ai-budget-label"
          aria-valuemin={0}
          aria-valuemax={today.tokenBudget}
          aria-valuenow={Math.min(today.tokensUsed, today.tokenBudget)}
          aria-valuetext={`${percent}% of today's budget`}
          className="h-2 overflow-hidden rounded-full bg-[var(--line)]"
        >
          <div className={`h-full ${spent ? "bg-[var(--danger)]" : "bg-[var(--accent)]"}`} style={{ width: `${percent}%` }} />
        </div>
        <p className="text-xs text-[var(--muted)]">
          {spent
            ? "Today's budget is used up: the offline coach answers until midnight (your time)."
            : "Resets at midnight your time. Cached answers and the offline coach cost nothing."}
        </p>
        <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
          <Stat label="Calls today" value={today.calls} testId="ai-usage-calls" />
          <Stat label="From cache" value={today.cacheHits} testId="ai-usage-cache-hits" />
          <Stat label="Offline fallbacks" value={today.fallbacks} testId="ai-usage-fallbacks" />
        </dl>
      </div>

      <h3 className="text-base font-semibold">Latest calls</h3>
      {recent.length === 0 ? (
        <p className="rounded-xl border border-dashed border-[var(--line)] p-4 text-[var(--muted)]" data-testid="ai-usage-empty">
          The coach has not been asked anything yet.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="ai-usage-recent">
            <caption className="sr-only">Your latest {recent.length} coach calls, newest first</caption>
            <thead className="text-[var(--muted)]">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">When</th>
                <th scope="col" className="py-1 pr-3 font-medium">What</th>
                <th scope="col" className="py-1 pr-3 font-medium">Answered by</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Tokens</th>
                <th scope="col" className="py-1 text-right font-medium">Time</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((call) => (
                <tr key={call.id} className="border-t border-[var(--line)]" data-testid="ai-usage-call">
                  <td className="py-1 pr-3 whitespace-nowrap">
                    <time dateTime={call.createdAt.toISOString()}>
                      {call.createdAt.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}
                    </time>
                  </td>
                  <td className="py-1 pr-3">{chainNames[call.chain] ?? call.chain}</td>
                  <td className="py-1 pr-3">
                    {call.cacheHit ? (
                      <span title={`Saved answer from ${call.modelId}`}>Saved answer</span>
                    ) : call.provider === "offline" ? (
                      <span title={call.fallback ? `Offline because ${whyOffline(call.error)}` : "No model is configured"}>
                        Offline coach{call.fallback ? ` (${whyOffline(call.error)})` : ""}
                      </span>
                    ) : (
                      <span>
                        {call.modelId}
                        {call.error === "aborted" ? " (stopped)" : call.error ? " (failed)" : ""}
                      </span>
                    )}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">{numbers.format(call.inputTokens + call.outputTokens)}</td>
                  <td className="py-1 text-right tabular-nums">{(call.latencyMs / 1000).toFixed(1)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg border border-[var(--line)] p-2">
      <dt className="text-xs text-[var(--muted)]">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {numbers.format(value)}
      </dd>
    </div>
  );
}
