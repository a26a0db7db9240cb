// Check-in answers and insights in the browser: a low-energy check-in offers a lighter plan (which
// re-plans today lighter) and tiny steps for what comes next; a low mood gets a kind word and one
// tiny step that can be ticked off there; a finished task shows up on /insights with its reading.
// The browser's zone is one where it is early morning, so the working day is still ahead.
import { expectNoA11yViolations } from "./axe";
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

/** An Etc/GMT zone where the local hour is 7 now (Etc/GMT-7 is UTC+7: POSIX signs are inverted). */
function zoneWhereItIsSeven(now = new Date()): string {
  let offset = (((7 - now.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return "Etc/GMT";
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

test.use({ timezoneId: zoneWhereItIsSeven() });

test("a low-energy check-in offers a lighter plan and tiny steps, and both work", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Write the project report");
  await addTask(page, "Reply to Sam");

  await page.getByTestId("checkin-energy").getByText("empty", { exact: true }).click();
  await page.getByTestId("checkin-submit").click();
  const offer = page.getByTestId("checkin-low-energy");
  await expect(offer).toBeVisible();
  await expect(page.getByTestId("checkin-message")).toContainText("Low energy noted");
  await expectNoA11yViolations(page, { label: "the low-energy answer", include: ['[data-testid="checkin-answer"]'] });

  await offer.getByTestId("checkin-lighter-plan").click();
  await expect(offer.getByTestId("checkin-lighter-done")).toContainText("lighter");
  await expect(page.getByTestId("plan-headline")).toContainText("Low energy today, so this is a lighter plan");
  await expect(page.locator('[data-testid="plan-block"][data-kind="task"]').first()).toBeVisible();

  // Smaller steps for what comes next: the plan's first task, split into the tiniest steps.
  const smaller = offer.getByTestId("checkin-smaller-steps");
  await expect(smaller).toHaveText(/^Break “.+” into tiny steps$/);
  const title = (await smaller.textContent())?.match(/“(.+)”/)?.[1] ?? "";
  await smaller.click();
  await expect(offer.getByTestId("checkin-smaller-done")).toContainText("Start here:");
  await expect(taskItem(page, title).getByTestId("task-step-count")).toBeVisible();
});

test("a low mood gets a kind word and one tiny step; a finished task shows on /insights", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Water the plants");

  await page.getByTestId("checkin-mood").getByText("very low", { exact: true }).click();
  await page.getByTestId("checkin-submit").click();
  await expect(page.getByTestId("checkin-message")).not.toBeEmpty();
  const tiny = page.getByTestId("checkin-tiny-step");
  await expect(tiny.getByTestId("checkin-tiny-step-title")).toHaveText("Water the plants");
  await tiny.getByTestId("checkin-tiny-step-complete").click();
  await expect(tiny.getByTestId("checkin-tiny-step-done")).toBeVisible();
  await expect(page.getByTestId("done-list").getByTestId("task-item")).toHaveCount(1);

  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  const card = page.getByTestId("insight-completions");
  await expect(card.getByTestId("insight-completions-reading")).toHaveText(/^You finished 1 task in the last 30 days, all on \w{3} \d{1,2} \w{3}\.$/);
  const chart = card.getByTestId("insight-completions-chart");
  await expect(chart).toHaveAttribute("role", "img");
  await expect(chart).toHaveAttribute("aria-label", /tasks and steps finished each day.*1 task and 0 steps/);
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // The numbers behind it, for keyboards and screen readers.
  await card.getByText("Show the numbers").click();
  await expect(card.getByRole("table")).toContainText("1");
  await expectNoA11yViolations(page, { label: "Insights with one finished task" });

  // Little data: the other cards say what is missing instead of drawing empty axes.
  await expect(page.getByTestId("insight-focus-empty")).toBeVisible();
  await expect(page.getByTestId("insight-estimates-reading")).toContainText("Not enough data yet");
  await expect(page.getByTestId("insight-checkins-reading")).toHaveText("Not enough data yet — 2 more days of check-ins and this chart fills in.");

  await page.getByTestId("insights-range-7").click();
  await expect(page.getByTestId("insights-range-7")).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("insight-completions-reading")).toContainText("in the last 7 days");
});
