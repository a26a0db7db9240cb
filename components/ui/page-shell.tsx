// The frame of a signed-in page: the main landmark, the brand line, the page's heading and a short
// intro, optionally a link back to Today. One copy, so every page has the same structure for
// screen readers and the same spacing on a phone.
import Link from "next/link";
import type { ReactNode } from "react";

export function PageShell({
  title,
  intro,
  backToToday = false,
  wide = false,
  children,
}: {
  title: ReactNode;
  intro?: ReactNode;
  backToToday?: boolean;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <main className={`mx-auto flex min-h-screen ${wide ? "max-w-4xl" : "max-w-2xl"} flex-col gap-6 px-4 py-6`}>
      <header className="flex flex-col gap-1">
        <p className="text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {intro ? <p className="text-[var(--muted)]">{intro}</p> : null}
        {backToToday ? (
          <Link href="/" className="self-start text-sm text-[var(--accent)] underline">
            Back to Today
          </Link>
        ) : null}
      </header>
      {children}
    </main>
  );
}
