// The planner as a person sees it: ticking off a step plans "suggest the next step", the server's
// background runner executes it, and the Planner page shows it done — filterable by status.
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

test("a finished step's follow-up runs in the background and shows up in the planner", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Clean the kitchen");
  const kitchen = taskItem(page, "Clean the kitchen");
  await kitchen.getByTestId("task-expand").click();
  await kitchen.getByTestId("task-breakdown").click();
  const steps = kitchen.locator("[id^='steps-'] > ol > [data-testid='step-item']");
  await expect.poll(() => steps.count()).toBeGreaterThanOrEqual(3);
  const firstToggle = steps.first().getByTestId("step-toggle").first();
  await firstToggle.click();
  await expect(firstToggle).toBeChecked();

  await page.getByTestId("nav-planner").click();
  await expect(page.getByRole("heading", { name: "Planner" })).toBeVisible();
  const nextStep = page.getByTestId("planner-action").filter({ hasText: "Suggest the next step" });
  // Nobody pressed "run": the runner started with the server picked it up by itself.
  await expect(nextStep.getByTestId("planner-action-status")).toHaveText("Done");
  await expect(nextStep.getByTestId("planner-action-attempts")).toHaveText("Attempt 1 of 5");
  await expect(nextStep.getByTestId("planner-cancel")).toHaveCount(0);

  await page.getByTestId("planner-filter-failed").click();
  await expect(page.getByTestId("planner-empty")).toHaveText("No failed actions.");
  await page.getByTestId("planner-filter-succeeded").click();
  await expect(nextStep).toBeVisible();
  await expect(page.getByTestId("planner-filter-succeeded")).toHaveAttribute("aria-pressed", "true");
});
