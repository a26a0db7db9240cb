// Brain dump → review → save, as a person does it: open the brain dump on Today, paste a messy list,
// watch the tasks come in, fix one, drop one, save, and find them on the list. (Stop is covered by
// server/api/capture-stream.test.ts: the offline coach answers too fast to press it here.) Dates are read on the
// browser's own clock (Berlin here), so "tomorrow at 5pm" is 17:00 in the review whatever the server's zone.
import { expect, signUp, taskItem, test } from "./fixtures";

test.use({ timezoneId: "Europe/Berlin" });

const DUMP = [
  "ugh so much this week.",
  "need to call mom tomorrow at 5pm, also buy milk and eggs, and the report is due friday.",
  "water the plants",
  "book a haircut someday",
].join("\n");

test("capture a brain dump, review it, save it", async ({ page, account }) => {
  await signUp(page, account);
  await page.getByTestId("brain-dump-toggle").click();
  await page.getByTestId("capture-text").fill(DUMP);

  // Record every list the page shows while the coach is still reading, to see the tasks arrive one by one.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { captureCounts: number[] }).captureCounts = seen;
    new MutationObserver(() => {
      const n = document.querySelectorAll('[data-testid="capture-streaming-item"]').length;
      if (n !== seen[seen.length - 1]) seen.push(n);
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId("capture-submit").click();

  const review = page.getByTestId("capture-review-item");
  await expect(review).toHaveCount(5);
  const counts = await page.evaluate(() => (window as unknown as { captureCounts: number[] }).captureCounts);
  expect(Math.max(0, ...counts)).toBeGreaterThanOrEqual(1); // tasks showed up before the stream ended
  await expect(page.getByTestId("capture-offline-badge")).toBeVisible();

  const titles = ["Call mom", "Buy milk and eggs", "Finish the report", "Water the plants", "Book a haircut"];
  for (const [i, title] of titles.entries()) await expect(page.getByTestId("capture-review-title").nth(i)).toHaveValue(title);
  const mom = page.locator('[data-testid="capture-review-item"][data-title="Call mom"]');
  await expect(mom.getByTestId("capture-review-time")).toHaveValue("17:00");
  await expect(mom.getByTestId("capture-review-area")).toHaveValue("relationships");
  const reportDay = await page.locator('[data-testid="capture-review-item"][data-title="Finish the report"]').getByTestId("capture-review-date").inputValue();
  expect(new Date(`${reportDay}T12:00:00Z`).getUTCDay()).toBe(5); // a Friday

  // Fix one title and its area, drop one task.
  const milk = page.locator('[data-testid="capture-review-item"][data-title="Buy milk and eggs"]');
  await milk.getByTestId("capture-review-area").selectOption("home");
  await milk.getByTestId("capture-review-title").fill("Buy oat milk and eggs");
  await page.locator('[data-testid="capture-review-item"][data-title="Book a haircut"]').getByTestId("capture-review-remove").click();
  await expect(review).toHaveCount(4);

  await page.getByTestId("capture-save").click();
  await expect(page.getByTestId("capture-saved")).toHaveText("Saved 4 tasks to your list.");
  for (const title of ["Call mom", "Buy oat milk and eggs", "Finish the report", "Water the plants"]) {
    await expect(taskItem(page, title)).toBeVisible();
  }
  await expect(taskItem(page, "Book a haircut")).toHaveCount(0);
  await expect(page.getByTestId("capture-text")).toHaveValue("");

  // Still there after a reload: saved on the server, not just shown.
  await page.reload();
  await expect(taskItem(page, "Buy oat milk and eggs")).toBeVisible();
});

test("nothing to do in the text: nothing to save, and back to writing", async ({ page, account }) => {
  await signUp(page, account);
  await page.getByTestId("brain-dump-toggle").click();
  await expect(page.getByTestId("capture-submit")).toBeDisabled();
  await page.getByTestId("capture-text").fill("ugh. so tired. honestly everything is too much lol");
  await page.getByTestId("capture-submit").click();
  await expect(page.getByTestId("capture-review-empty")).toBeVisible();
  await expect(page.getByTestId("capture-save")).toBeDisabled();
  await page.getByTestId("capture-discard").click();
  await expect(page.getByTestId("capture-text")).toHaveValue("ugh. so tired. honestly everything is too much lol");
  await expect(page.getByTestId("empty-state")).toBeVisible();
});
