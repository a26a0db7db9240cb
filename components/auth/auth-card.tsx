// The centred card that frames the sign-in and sign-up pages.
import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <p className="mb-2 text-sm font-semibold tracking-wide text-[var(--accent)]">FocusForge</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mb-6 mt-1 text-[var(--muted)]">{subtitle}</p>
      <div className="rounded-2xl border border-[var(--line)] bg-[var(--panel)] p-5 shadow-sm">{children}</div>
    </main>
  );
}
