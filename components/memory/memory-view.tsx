"use client";
// "What the coach remembers": which embedder is in use, search, the memories by tier (with kind
// filter and paging), forgetting one, and forgetting everything.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { EmbedderStatus } from "./embedder-status";
import { ForgetAll } from "./forget-all";
import { kindLabel, tierLabels } from "./format";
import { MemoryList } from "./memory-list";
import { MemorySearch } from "./memory-search";
import { type TierTab, TierTabs } from "./tier-tabs";
import { useForgetMemory, useNow } from "./use-memories";

export function MemoryView() {
  const trpc = useTRPC();
  const now = useNow();
  const status = useQuery(trpc.memory.status.queryOptions());
  const [tab, setTab] = useState<TierTab>("all");
  const [kind, setKind] = useState("");
  const forget = useForgetMemory();
  const forgetProps = {
    onForget: (id: string) => forget.mutate({ id }),
    forgettingId: forget.isPending ? (forget.variables?.id ?? null) : null,
  };
  const panelId = useId();
  const total = status.data ? status.data.tiers.short_term + status.data.tiers.working + status.data.tiers.long_term : 0;

  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-4 py-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
        <h1 className="text-2xl font-semibold">What the coach remembers</h1>
        <p className="text-[var(--muted)]">
          The coach keeps short notes of what you do so its advice fits you. Short-term notes fade after an hour, working
          notes after a day; long-term ones stay until you forget them.
        </p>
        <ErrorNote error={status.error} retry={() => void status.refetch()} />
        <EmbedderStatus status={status.data} />
      </header>

      <MemorySearch now={now} {...forgetProps} />

      <section aria-labelledby="memory-list-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="memory-list-heading" className="text-lg font-semibold">
            Memories
          </h2>
          <label className="flex items-center gap-2 text-sm">
            Kind
            <select
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              className="min-h-9 rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 py-1"
              data-testid="memory-kind-filter"
            >
              <option value="">All kinds</option>
              {status.data?.kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {kindLabel(k.kind)} ({k.count})
                </option>
              ))}
            </select>
          </label>
        </div>
        <TierTabs value={tab} onChange={setTab} counts={status.data?.tiers} panelId={panelId} />
        <div role="tabpanel" id={panelId} aria-labelledby={`memory-tab-${tab}`} tabIndex={0} className="flex flex-col gap-2">
          {tab !== "all" ? <p className="text-sm text-[var(--muted)]">{tierLabels[tab].name}: {tierLabels[tab].lifetime}.</p> : null}
          <ErrorNote error={forget.error} />
          <MemoryList tier={tab === "all" ? undefined : tab} kind={kind || undefined} now={now} {...forgetProps} />
        </div>
      </section>

      <ForgetAll total={total} />
    </main>
  );
}
