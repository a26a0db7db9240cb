// "What the coach remembers", as a person uses it: do something, find it on the memory page, search
// for it, forget it, then forget everything (after a confirm) — and another person sees none of it.
import { addTask, expect, newAccount, signUp, taskItem, test } from "./fixtures";

test("see, search and forget what the coach remembers", async ({ page, browser, account }) => {
  await signUp(page, account);
  await addTask(page, "Renew the passport");
  await taskItem(page, "Renew the passport").getByTestId("task-toggle").check();
  await expect(page.getByTestId("done-list")).toContainText("Renew the passport");

  await page.getByTestId("nav-memory").click();
  await expect(page.getByRole("heading", { name: "What the coach remembers" })).toBeVisible();
  await expect(page.getByTestId("embedder-status")).toHaveAttribute("data-provider", "hash");
  const list = page.getByTestId("memory-list").getByTestId("memory-item");
  const completed = list.filter({ hasText: /Completed "Renew the passport"/ });
  await expect(completed).toBeVisible();
  await expect(completed).toContainText("Task done");

  // Tiers are tabs, usable from the keyboard; task events live in the long-term tier.
  await page.getByTestId("memory-tab-all").focus();
  await page.keyboard.press("End");
  await expect(page.getByTestId("memory-tab-long_term")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("memory-tab-long_term")).toBeFocused();
  await expect(completed).toBeVisible();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("memory-tab-all")).toHaveAttribute("aria-selected", "true");

  // Search by meaning: the nearest memories first, each with a relevance hint.
  await page.getByTestId("memory-search").fill("passport");
  await page.getByTestId("memory-search-submit").click();
  const results = page.getByTestId("memory-search-results").getByTestId("memory-item");
  await expect(results.first()).toContainText("passport");
  await expect(results.first().getByTestId("memory-relevance")).toContainText("distance");

  // "Keep" changes nothing and puts the focus back on "Forget".
  await results.first().getByTestId("memory-forget").click();
  await results.first().getByRole("button", { name: "Keep" }).click();
  await expect(results.first().getByTestId("memory-forget")).toBeFocused();

  // Forget one: it asks first, then the memory is gone from the list and the search results.
  await completed.getByTestId("memory-forget").click();
  await completed.getByTestId("memory-forget-confirm").click();
  await expect(completed).toHaveCount(0);
  await expect(page.getByTestId("memory-search-results").getByText(/Completed "Renew the passport"/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("memory-list").getByTestId("memory-item").first()).toBeVisible();
  await expect(page.getByTestId("memory-list").getByText(/Completed "Renew the passport"/)).toHaveCount(0);

  // Forget everything: the dialog can be cancelled; confirming empties the page.
  const dialog = page.getByTestId("memory-forget-all-dialog");
  await page.getByTestId("memory-forget-all").click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("memory-forget-all-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("memory-list").getByTestId("memory-item").first()).toBeVisible();
  await page.getByTestId("memory-forget-all").click();
  await dialog.getByTestId("memory-forget-all-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("memory-empty")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("memory-empty")).toBeVisible();
  await expect(page.getByTestId("memory-forget-all")).toBeDisabled();

  // Someone else's memory page never shows it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, newAccount("Sam"));
  await otherPage.goto("/memory");
  await expect(otherPage.getByTestId("memory-empty")).toBeVisible();
  await expect(otherPage.getByText("passport")).toHaveCount(0);
  await other.close();
});
