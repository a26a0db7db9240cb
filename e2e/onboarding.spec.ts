// A new person's first morning: sign up → onboarding (goals, zones picked and renamed, working hours
// and energy, coach tone) → Today → the morning ritual (intention, energy, top three) → the day plan
// opens with their top task; the answers show in Settings and on Zones. And a template round trip:
// save a task with its steps, start a new one from it, rename and delete the template.
import { expectNoA11yViolations } from "./axe";
import { addTask, expect, signUp, startSignUp, taskItem, test } from "./fixtures";

/** An Etc/GMT zone where the local hour is 7 now, so the whole working day is still ahead. */
function zoneWhereItIsSeven(now = new Date()): string {
  let offset = (((7 - now.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return "Etc/GMT";
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
test.use({ timezoneId: zoneWhereItIsSeven() });

test("onboard, do the morning ritual, and the plan starts with the top task", async ({ page, account }) => {
  await startSignUp(page, account);

  // Step 1: what they want help with.
  await expectNoA11yViolations(page, { label: "onboarding, step 1" });
  await page.getByTestId("onboarding-goals").getByLabel("Staying focused").check();
  await page.getByTestId("onboarding-goals").getByLabel("Getting started on things").check();
  await page.getByTestId("onboarding-note").fill("I freeze on big tasks");
  await page.getByTestId("onboarding-next").click();

  // Step 2: zones — drop Relationships, rename Growth, add their own.
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 2 of 4: Your zones");
  await page.locator('[data-testid="onboarding-zone"][data-key="relationships"]').getByTestId("onboarding-zone-keep").uncheck();
  await page.locator('[data-testid="onboarding-zone"][data-key="growth"]').getByTestId("onboarding-zone-name").fill("Learning");
  await page.getByTestId("onboarding-zone-new").fill("Music");
  await page.getByTestId("onboarding-zone-add").click();
  await expectNoA11yViolations(page, { label: "onboarding, zones" });
  await page.getByTestId("onboarding-next").click();

  // Step 3: working hours and energy pattern.
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 3 of 4: Your day");
  await page.getByTestId("onboarding-start").fill("08:00");
  await page.getByTestId("onboarding-end").fill("20:00");
  await page.getByTestId("onboarding-pattern").getByLabel(/Steady/).check();
  await page.getByTestId("onboarding-next").click();

  // Step 4: the coach's tone, and done.
  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 4 of 4: Your coach");
  await page.getByTestId("onboarding-tone").getByLabel(/Cheerful/).check();
  await page.getByTestId("onboarding-next").click();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();

  for (const title of ["Water the plants", "Write the essay", "Call grandma"]) await addTask(page, title);

  // The morning ritual: intention, energy, top three (grandma first, though added last).
  const ritual = page.getByTestId("morning-ritual");
  await expect(ritual).toBeVisible();
  await ritual.getByTestId("ritual-intention").fill("Be gentle, finish one thing");
  await ritual.getByTestId("ritual-energy").getByText("good", { exact: true }).click();
  await expect(ritual.getByTestId("ritual-energy").getByRole("radio", { name: "4 good" })).toBeChecked();
  await ritual.getByTestId("ritual-top-0").selectOption({ label: "Call grandma" });
  await ritual.getByTestId("ritual-top-1").selectOption({ label: "Water the plants" });
  await expectNoA11yViolations(page, { label: "Today with the morning ritual" });
  await ritual.getByTestId("ritual-save").click();

  // Folded away once done; the plan opens with the top task, in the order picked.
  await expect(page.getByTestId("ritual-summary")).toContainText("“Be gentle, finish one thing” · energy 4/5 · top: Call grandma, Water the plants");
  await expect(page.getByTestId("morning-ritual")).toHaveCount(0);
  const tasks = page.locator('[data-testid="plan-block"][data-kind="task"]');
  await expect(tasks.first()).toHaveAttribute("data-title", "Call grandma");
  await expect(tasks.first().getByTestId("plan-block-why")).toContainText("Your top task today, from your morning ritual");
  await expect(tasks.nth(1)).toHaveAttribute("data-title", "Water the plants");
  await expect(page.getByTestId("plan-headline")).toContainText("Your top two from this morning come first");

  // It can be reopened, with the answers kept.
  await page.getByTestId("ritual-reopen").click();
  await expect(page.getByTestId("ritual-intention")).toHaveValue("Be gentle, finish one thing");
  await expect(page.getByTestId("ritual-top-0").locator("option:checked")).toHaveText("Call grandma");

  // The answers are in Settings (and editable from there) and on Zones.
  await page.goto("/settings");
  await expect(page.getByTestId("settings-workday-start")).toHaveValue("08:00");
  await expect(page.getByTestId("settings-workday-end")).toHaveValue("20:00");
  await expect(page.getByTestId("settings-onboarding")).toContainText("Staying focused");
  await expect(page.getByTestId("settings-onboarding")).toContainText("“I freeze on big tasks”");
  await page.getByTestId("settings-onboarding-edit").click();
  await expect(page.getByRole("heading", { name: "Your answers" })).toBeVisible();
  await expect(page.getByTestId("onboarding-goals").getByLabel("Staying focused")).toBeChecked();
  await page.goto("/zones");
  await expect(page.getByTestId("zone-name")).toHaveText(["💼 Work", "🌿 Health", "🏠 Home", "🌱 Learning", "Music"]);
  await expect(page.getByTestId("zone-balance-reading")).toContainText("Nothing finished in the last 7 days yet");
  await page.locator('[data-testid="zone-item"][data-key="home"]').getByTestId("zone-edit").click();
  await expect(page.getByTestId("zone-edit-target")).toHaveValue("10");
  await expectNoA11yViolations(page, { label: "Zones, editing one" });
});

test("a user who skipped onboarding is not sent back, and a template round trip", async ({ page, account }) => {
  await signUp(page, account);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();

  // A task with steps from the coach, tagged with a zone, saved as a template.
  await addTask(page, "Clean the kitchen");
  const kitchen = taskItem(page, "Clean the kitchen");
  await kitchen.getByTestId("task-expand").click();
  await kitchen.getByTestId("task-breakdown").click();
  await expect(kitchen.getByTestId("task-step-count")).toHaveText(/^0\/\d+ steps$/);
  const steps = ((await kitchen.getByTestId("task-step-count").textContent()) ?? "").match(/\/(\d+)/)?.[1];
  await kitchen.getByTestId("task-zone").selectOption({ label: "🏠 Home" });
  await expect(kitchen.getByTestId("task-zone")).toHaveValue("home");
  await kitchen.getByTestId("task-save-template").click();
  await expect(kitchen.getByTestId("template-saved")).toContainText("Saved as a template");

  // Start a fresh copy from the Templates page.
  await page.goto("/templates");
  const template = page.locator('[data-testid="template-item"][data-name="Clean the kitchen"]');
  await expect(template).toContainText(`${steps} steps`);
  await template.getByText("Show steps").click();
  await expectNoA11yViolations(page, { label: "Templates" });
  await template.getByTestId("template-start").click();
  await expect(template.getByTestId("template-started")).toContainText(`Added “Clean the kitchen” with`);
  await expect(template).toContainText("used 1 time");
  await page.getByRole("link", { name: "Today", exact: true }).last().click();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(taskItem(page, "Clean the kitchen")).toHaveCount(2);
  for (const item of await taskItem(page, "Clean the kitchen").all()) await expect(item.getByTestId("task-step-count")).toHaveText(`0/${steps} steps`);

  // Rename, then delete it.
  await page.goto("/templates");
  await template.getByTestId("template-rename").click();
  await page.getByTestId("template-rename-input").fill("Kitchen reset");
  await page.getByTestId("template-rename-save").click();
  const renamed = page.locator('[data-testid="template-item"][data-name="Kitchen reset"]');
  await expect(renamed).toBeVisible();
  await renamed.getByTestId("template-delete").click();
  await renamed.getByTestId("template-delete-confirm").click();
  await expect(page.getByTestId("templates-empty")).toBeVisible();
});
