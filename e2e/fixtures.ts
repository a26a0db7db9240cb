// Fixtures every spec imports: a fresh account per test, and page helpers for the Today screen.
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name = "Robin"): Account {
  return { name, email: `e2e-${randomUUID()}@example.com`, password: "a long enough password" };
}

/** Creates the account and lands on onboarding (its first step), where a new account starts. */
export async function startSignUp(page: Page, account: Account) {
  await page.goto("/sign-up");
  await page.getByLabel("What should the coach call you?").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByTestId("onboarding-progress")).toHaveText(/^Step 1 of 4/);
}

/** A fresh account that skips onboarding ("Skip for now") and ends on Today. */
export async function signUp(page: Page, account: Account) {
  await startSignUp(page, account);
  await page.getByTestId("onboarding-skip").click();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
}

export async function signIn(page: Page, account: Account) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
}

export async function addTask(page: Page, title: string) {
  const input = page.getByTestId("quick-add");
  await input.fill(title);
  await input.press("Enter");
  await expect(taskItem(page, title)).toBeVisible();
  await expect(input).toHaveValue("");
}

export function taskItem(page: Page, title: string) {
  return page.locator(`[data-testid="task-item"][data-title="${title.replace(/"/g, '\\"')}"]`);
}

export const test = base.extend<{ account: Account }>({
  account: async ({}, provide) => provide(newAccount()),
  // Each test is a different person on their own network: sign-up is rate limited per client IP
  // (5 per 10 minutes), and a whole suite from one address would trip it by design.
  extraHTTPHeaders: async ({}, provide) => provide({ "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 254)}` }),
});
export { expect };
