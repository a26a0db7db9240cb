"use client";
// The theme picker in the header: System, Light or Dark, remembered in this browser (localStorage)
// and applied at once through html[data-theme]; the inline script in app/layout.tsx applies it on load.
import { useSyncExternalStore } from "react";
import { isThemeChoice, THEME_STORAGE_KEY, type ThemeChoice } from "./theme";

const listeners = new Set<() => void>();

function read(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : "system";
  } catch {
    // Storage blocked (private mode, policy): the system setting it is.
    return "system";
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_STORAGE_KEY) {
      apply(read());
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function apply(choice: ThemeChoice) {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied for this page.
  }
  apply(choice);
  for (const listener of listeners) listener();
}

export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, read, () => "system" as const);
  return (
    <label className="flex items-center gap-1 text-sm text-[var(--muted)]">
      <span className="sr-only">Colour theme</span>
      <select
        value={choice}
        onChange={(e) => {
          if (isThemeChoice(e.target.value)) choose(e.target.value);
        }}
        className="min-h-9 rounded-md border border-[var(--line)] bg-[var(--panel)] px-2 text-[var(--ink)]"
        data-testid="theme-toggle"
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
