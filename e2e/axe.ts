// Accessibility check for e2e specs: runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it
// is now and fails with a readable list of what is wrong, where, and how to fix it.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Result } from "axe-core";
import { expect } from "./fixtures";

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] as const;

export interface A11yOptions {
  /** A name for the state being checked, shown in the failure message ("Today, dark"). */
  label?: string;
  /** Only check inside these selectors. */
  include?: string[];
  /** Leave these selectors out (say why at the call site). */
  exclude?: string[];
  /** Record the failure and go on (expect.soft), so one run reports every state of a page. */
  soft?: boolean;
}

/** One line per failing node: impact, rule, what to fix, where. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary ?? "").split("\n").map((l) => l.trim()).filter(Boolean).join(" ");
          return `    - ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${summary}`;
        })
        .join("\n");
      return `  [${v.impact ?? "unknown"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

export async function expectNoA11yViolations(page: Page, opts: A11yOptions = {}) {
  let builder = new AxeBuilder({ page }).withTags([...wcagTags]);
  for (const selector of opts.include ?? []) builder = builder.include(selector);
  for (const selector of opts.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const where = `${opts.label ?? "page"} (${page.url()})`;
  // The count keeps the failure short; the message says what and where.
  (opts.soft ? expect.soft : expect)(violations.length, `axe found ${violations.length} accessibility violation(s) on ${where}:\n${formatViolations(violations)}`).toBe(0);
}
