// "Break it down" as a person uses it: one click at spiciness 1 (a few bigger steps), again at 5
// (more, tiny steps), then one step broken down again into nested steps; the dial is remembered.
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

test("break a task down at two spiciness levels, then break one step down again", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Clean the kitchen");
  const kitchen = taskItem(page, "Clean the kitchen");
  await kitchen.getByTestId("task-expand").click();
  // Top-level steps only (each step holds its own nested list).
  const topSteps = kitchen.locator("[id^='steps-'] > ol > [data-testid='step-item']");

  // Spiciness 1: a few bigger steps, the first tiny step shown big, and who answered.
  await kitchen.getByTestId("spiciness-option-1").click();
  await expect(kitchen.getByTestId("spiciness-1")).toBeChecked();
  await kitchen.getByTestId("task-breakdown").click();
  await expect(kitchen.getByTestId("first-tiny-step")).toBeVisible();
  await expect(kitchen.getByTestId("breakdown-offline-badge")).toBeVisible();
  await expect.poll(() => topSteps.count()).toBeGreaterThanOrEqual(3);
  const mild = await topSteps.count();
  expect(mild).toBeLessThanOrEqual(4);
  await expect(kitchen.getByTestId("first-tiny-step")).toHaveText((await topSteps.first().getAttribute("data-title")) ?? "");
  await expect(kitchen.getByTestId("task-step-count")).toHaveText(`0/${mild} steps`);

  // Spiciness 5: the same task again, now in more, smaller steps.
  await kitchen.getByTestId("spiciness-option-5").click();
  await kitchen.getByTestId("task-breakdown").click();
  await expect.poll(() => topSteps.count()).toBeGreaterThanOrEqual(8);
  const hot = await topSteps.count();
  expect(hot).toBeGreaterThan(mild);
  expect(hot).toBeLessThanOrEqual(12);
  await expect(kitchen.getByTestId("task-step-count")).toHaveText(`0/${hot} steps`);

  // Any step can be broken down again: its own steps appear nested under it.
  const step = topSteps.nth(1);
  const stepTitle = (await step.getAttribute("data-title")) ?? "";
  await step.getByTestId("step-breakdown").first().click();
  const nested = step.locator("[data-testid='step-item']");
  await expect.poll(() => nested.count()).toBeGreaterThanOrEqual(3);
  await expect(step.getByTestId("step-first-tiny-step")).toBeVisible();
  expect(await topSteps.count()).toBe(hot); // the parent's other steps are untouched
  await expect(taskItem(page, "Clean the kitchen").locator(`[data-testid='step-item'][data-title="${stepTitle}"]`)).toHaveCount(1);

  // After a reload the tree is still there, nested, and the dial remembers the last choice.
  await page.reload();
  await kitchen.getByTestId("task-expand").click();
  await expect(kitchen.getByTestId("spiciness-5")).toBeChecked();
  await expect.poll(() => topSteps.count()).toBe(hot);
  await expect.poll(() => step.locator("[data-testid='step-item']").count()).toBeGreaterThanOrEqual(3);
});

test("size a task up: about how long, and the first tiny step", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Plan mum's 60th birthday party");
  const party = taskItem(page, "Plan mum's 60th birthday party");
  await party.getByTestId("task-expand").click();
  await party.getByTestId("task-analyse").click();
  await expect(party.getByTestId("analysis-size")).toContainText(/about \d+(\.\d)? (min|h) · complexity [1-5]\/5/);
  await expect(party.getByTestId("analysis-first-step")).not.toBeEmpty();
  await expect(party.getByTestId("task-estimate")).toBeVisible();
});
