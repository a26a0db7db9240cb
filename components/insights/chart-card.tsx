"use client";
// One insight: a heading, the one-line reading in words, the chart (an image with a spoken summary,
// since a chart's shapes say nothing to a screen reader) and the numbers behind it in a table that
// opens on demand — for keyboards, screen readers and anyone who wants the exact figures.
import type { ReactNode } from "react";

export interface NumbersTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export function ChartCard({
  id,
  title,
  reading,
  summary,
  empty,
  table,
  children,
}: {
  id: string;
  title: string;
  reading: string;
  /** What the chart shows, in words, for its aria-label. */
  summary: string;
  /** No data to draw: the reading says what is missing and no empty axes are drawn. */
  empty: boolean;
  table: NumbersTable;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4 shadow-sm" data-testid={`insight-${id}`}>
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm" data-testid={`insight-${id}-reading`}>
        {reading}
      </p>
      {empty ? (
        <div className="flex h-24 items-center justify-center rounded-lg border border-dashed border-[var(--line)] text-sm text-[var(--muted)]" data-testid={`insight-${id}-empty`}>
          Nothing to draw yet.
        </div>
      ) : (
        <>
          <div role="img" aria-label={summary} className="h-56 w-full" data-testid={`insight-${id}-chart`}>
            {children}
          </div>
          {table.rows.length > 0 ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-[var(--muted)]">Show the numbers</summary>
              <div className="mt-2 max-h-64 overflow-auto">
                <table className="w-full border-collapse text-left">
                  <caption className="sr-only">{table.caption}</caption>
                  <thead>
                    <tr>
                      {table.columns.map((c) => (
                        <th key={c} scope="col" className="border-b border-[var(--line)] px-2 py-1 font-medium">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row, i) => (
                      <tr key={i}>
                        {row.map((cell, j) =>
                          j === 0 ? (
                            <th key={j} scope="row" className="border-b border-[var(--line)] px-2 py-1 font-normal">
                              {cell}
                            </th>
                          ) : (
                            <td key={j} className="border-b border-[var(--line)] px-2 py-1 tabular-nums">
                              {cell}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
