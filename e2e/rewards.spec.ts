// Rewards as a person uses them: earn points by completing tasks, define a reward in the store, buy
// it (the balance drops, the level does not), open the day's free mystery box with its odds shown,
// pat the pet, go on vacation — and the full page passes axe.
import { expectNoA11yViolations } from "./axe";
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

function points(text: string | null): number {
  return Number((text ?? "").replace(/[^0-9-]/g, ""));
}

test("earn, buy a reward of your own, keep your level, open the mystery box", async ({ page, account }) => {
  await signUp(page, account);
  const badge = page.getByTestId("points-badge");
  const titles = ["Water the plants", "Answer one email", "Stretch for five minutes", "Put away the laundry", "Book the dentist"];
  for (const [i, title] of titles.entries()) {
    await addTask(page, title);
    await taskItem(page, title).getByTestId("task-toggle").check();
    const done = page.getByTestId("done-list").locator(`[data-testid="task-item"][data-title="${title}"]`);
    const earned = done.getByTestId("points-earned");
    await expect(earned).toHaveText(/^\+10 points · \d+ in total$/);
    // The first one unlocks first-task (+5) right then (and early-bird, before 8 am): the badge agrees.
    if (i === 0) await expect(done.getByTestId("achievement-unlocked").first()).toHaveText("🏆 Achievement unlocked: First one done (+5 points)");
    const total = Number(/(\d+) in total/.exec((await earned.textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThanOrEqual((i + 1) * 10 + 5);
    await expect(badge.getByTestId("points-total")).toHaveText(`${total} pts`);
  }

  await page.goto("/rewards");
  await expect(page.getByRole("heading", { name: "Rewards", level: 1 })).toBeVisible();
  const level = page.getByTestId("rewards-level");
  await expect(level).toHaveText("2 · Kindling");
  // The first-task achievement, unlocked when the first task was ticked, shows here too.
  await expect(page.locator('[data-testid="achievement"][data-key="first-task"]')).toHaveAttribute("data-unlocked", "true");
  await expect(page.getByTestId("streak-days")).toHaveText("1 day");

  // A reward of my own, bought with a confirm step.
  await page.getByLabel("Reward", { exact: true }).fill("Movie night");
  await page.getByLabel("Cost in points", { exact: true }).fill("50");
  await page.getByTestId("store-add-submit").click();
  const movie = page.locator('[data-testid="store-item"][data-title="Movie night"]');
  await expect(movie).toContainText("50 pts");
  const balance = page.getByTestId("rewards-balance");
  await expect(balance).toHaveText(/^\d+ pts$/);
  // 50 for the tasks + 5 for the first-task badge.
  await expect.poll(async () => points(await balance.textContent())).toBeGreaterThanOrEqual(55);
  const before = points(await balance.textContent());
  await movie.getByTestId("store-buy").click();
  await movie.getByTestId("store-confirm").click();
  await expect(movie.getByTestId("store-bought")).toBeVisible();
  await expect(balance).toHaveText(`${before - 50} pts`);
  await expect(level).toHaveText("2 · Kindling");
  await expect(page.getByTestId("purchases")).toContainText("Movie night");
  await expect(badge.getByTestId("points-total")).toHaveText(`${before - 50} pts`);

  // The mystery box: odds on show, today's box is free after a completion.
  const box = page.getByTestId("mystery-box");
  await expect(box.getByTestId("mystery-odds").locator("tbody tr")).toHaveCount(6);
  await expect(box.getByTestId("mystery-open")).toHaveText("Open today's free box");
  await box.getByTestId("mystery-open").click();
  await expect(box.getByTestId("mystery-prize")).toContainText("You got:");
  await expect(box.getByTestId("mystery-history").locator("li")).toHaveCount(1);
  await expect(box.getByTestId("mystery-open")).toHaveText(/^Open a box \(20 pts\)$/);
  await expect(level).toHaveText("2 · Kindling");

  // The pet takes one pat a day; vacation mode pauses the streak without touching it.
  await page.getByTestId("pet-pat").click();
  await expect(page.getByTestId("pet-pat")).toHaveText("Patted today");
  await expect(page.getByTestId("pet-card").getByRole("status")).toContainText("leans into the pat");
  await page.getByTestId("vacation-start").click();
  await expect(page.getByTestId("vacations")).toContainText("On vacation");
  await expect(page.getByTestId("streak-message")).toContainText("vacation");
  await expect(page.getByTestId("streak-days")).toHaveText("1 day");

  await expectNoA11yViolations(page, { label: "Rewards after a purchase, a box, a pat and a vacation" });
});
