"use client";
// The signed-in header: the main nav (every page, the current one marked with aria-current) and the
// header's extras (theme, points). On a phone the links fold behind a Menu button so nothing scrolls
// sideways at 360 px; from the `sm` breakpoint up they are always shown and wrap as needed.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";

export const navLinks = [
  { href: "/", label: "Today", testId: "nav-today" },
  { href: "/focus", label: "Focus", testId: "nav-focus" },
  { href: "/coach", label: "Coach", testId: "nav-coach" },
  { href: "/rewards", label: "Rewards", testId: "nav-rewards" },
  { href: "/insights", label: "Insights", testId: "nav-insights" },
  { href: "/zones", label: "Zones", testId: "nav-zones" },
  { href: "/templates", label: "Templates", testId: "nav-templates" },
  { href: "/planner", label: "Planner", testId: "nav-planner" },
  { href: "/memory", label: "Memory", testId: "nav-memory" },
  { href: "/settings", label: "Settings", testId: "nav-settings" },
] as const;

export function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav({ children }: { children?: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  return (
    <div
      className="flex flex-col gap-2"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpen(false);
          menuButton.current?.focus();
        }
      }}
    >
      <div className="flex items-center gap-2">
        <button
          ref={menuButton}
          type="button"
          className="inline-flex min-h-10 items-center gap-2 rounded-lg border border-[var(--line)] px-3 font-medium sm:hidden"
          aria-expanded={open}
          aria-controls="main-nav-links"
          onClick={() => setOpen((o) => !o)}
          data-testid="nav-menu"
        >
          <span aria-hidden="true">{open ? "✕" : "☰"}</span>
          Menu
        </button>
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-2">{children}</div>
      </div>
      <nav aria-label="Main">
        <ul
          id="main-nav-links"
          className={`${open ? "flex" : "hidden"} flex-col gap-1 sm:flex sm:flex-row sm:flex-wrap sm:gap-x-1 sm:gap-y-1`}
        >
          {navLinks.map((link) => {
            const current = isCurrent(pathname, link.href);
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={current ? "page" : undefined}
                  onClick={() => setOpen(false)}
                  data-testid={link.testId}
                  className={`flex min-h-10 items-center rounded-md px-3 py-1 sm:min-h-8 sm:px-2 ${
                    current
                      ? "bg-[var(--panel)] font-semibold text-[var(--ink)] shadow-sm ring-1 ring-[var(--line)]"
                      : "text-[var(--muted)] hover:text-[var(--ink)]"
                  }`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
