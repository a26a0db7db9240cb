"use client";
// Search what the coach remembers by meaning (memory.search): the nearest memories first, each with
// a relevance hint from its distance to the query.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { type ForgetProps, MemoryCard } from "./memory-card";

export function MemorySearch({ now, ...forget }: { now: Date } & ForgetProps) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const results = useQuery({ ...trpc.memory.search.queryOptions({ query, k: 10 }), enabled: query.length > 0 });
  return (
    <section aria-labelledby="memory-search-heading" className="flex flex-col gap-2">
      <h2 id="memory-search-heading" className="text-lg font-semibold">
        Search
      </h2>
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label htmlFor="memory-search" className="sr-only">
          Search what the coach remembers
        </label>
        <input
          id="memory-search"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value.trim()) setQuery("");
          }}
          placeholder="e.g. dentist, report, how I felt on Monday"
          maxLength={500}
          autoComplete="off"
          className="min-h-11 flex-1 rounded-lg border border-[var(--line)] bg-[var(--panel)] px-3 py-2 text-base"
          data-testid="memory-search"
        />
        <Button type="submit" disabled={!text.trim() || results.isFetching} data-testid="memory-search-submit">
          {results.isFetching ? "Searching…" : "Search"}
        </Button>
      </form>
      <ErrorNote error={results.error} retry={() => void results.refetch()} />
      {query && results.data ? (
        <div className="flex flex-col gap-2">
          <p aria-live="polite" className="text-sm text-[var(--muted)]" data-testid="memory-search-summary">
            {results.data.length === 0
              ? `Nothing the coach remembers is close to “${query}”.`
              : `${results.data.length} closest to “${query}”, nearest first.`}
          </p>
          <ul className="flex flex-col gap-2" data-testid="memory-search-results">
            {results.data.map((hit) => (
              <MemoryCard key={hit.id} memory={hit} distance={hit.distance} now={now} {...forget} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
