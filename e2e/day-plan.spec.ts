// The day plan in the browser: set working hours in Settings → add three tasks → check in with low
// energy → plan the day (a lighter plan, said in words) → add more than fits → re-plan → the
// overload warning → accept. The browser's time zone is one where it is early morning right now,
// so the whole working day (09:00–11:00) is still ahead whenever the suite runs.
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

/** An Etc/GMT zone where the local hour is 7 now (Etc/GMT-7 is UTC+7: POSIX signs are inverted). */
function zoneWhereItIsSeven(now = new Date()): string {
  let offset = (((7 - now.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return "Etc/GMT";
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const zone = zoneWhereItIsSeven();
test.use({ timezoneId: zone });

test("check in low, plan a lighter day, overflow it, accept it", async ({ page, account }) => {
  await signUp(page, account);

  // Settings: a short working day, energy highest in the morning.
  await page.getByTestId("nav-settings").click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("settings-time-zone")).toHaveValue(zone);
  await page.getByTestId("settings-workday-start").fill("09:00");
  await page.getByTestId("settings-workday-end").fill("11:00");
  await page.getByTestId("settings-energy-pattern").getByRole("radio", { name: /Morning/ }).check();
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await expect(page.getByTestId("ai-usage")).toBeVisible();
  await page.getByRole("link", { name: "Today" }).first().click();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();

  for (const title of ["Reply to Sam", "Write the project report", "Clean the kitchen"]) {
    await addTask(page, title);
    await expect(taskItem(page, title).getByTestId("task-estimate")).toBeVisible();
  }

  // A low-energy check-in.
  // People click the visible label of the scale; the radio it belongs to gets checked.
  await page.getByTestId("checkin-mood").getByText("okay", { exact: true }).click();
  await expect(page.getByTestId("checkin-mood").getByRole("radio", { name: "3 okay" })).toBeChecked();
  await page.getByTestId("checkin-energy").getByText("low", { exact: true }).click();
  await expect(page.getByTestId("checkin-energy").getByRole("radio", { name: "2 low" })).toBeChecked();
  await page.getByTestId("checkin-note").fill("slept badly");
  await page.getByTestId("checkin-submit").click();
  await expect(page.getByTestId("checkin-answer")).toContainText("lighter");
  await expect(page.getByTestId("checkin-today")).toContainText("energy 2/5");

  // Plan the day: blocks with times and reasons, and the lighter-plan wording.
  await page.getByTestId("plan-generate").click();
  await expect(page.getByTestId("plan-headline")).toContainText("lighter plan");
  const blocks = page.getByTestId("plan-block");
  await expect(blocks.first()).toBeVisible();
  await expect(blocks.first().getByTestId("plan-block-time")).toHaveText(/^09:00–09:\d\d$/);
  await expect(page.locator('[data-testid="plan-block"][data-kind="task"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="plan-block"][data-kind="break"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="plan-block"][data-kind="task"]').first().getByTestId("plan-block-why")).toContainText("Low energy today");
  await expect(page.getByTestId("plan-overload")).toHaveCount(0);

  // More than two hours can hold, even in 25-minute pieces.
  for (const title of ["Write the grant proposal", "Paint the bedroom", "Prepare the tax return", "Plan the team offsite", "Sort the garage"]) {
    await addTask(page, title);
  }
  await page.getByTestId("plan-replan").click();
  const overload = page.getByTestId("plan-overload");
  await expect(overload).toBeVisible();
  await expect(overload).toHaveAttribute("role", "alert");
  await expect(overload).toContainText("more than your working hours (09:00–11:00)");
  await expect(overload).toContainText("move them to tomorrow");

  await page.getByTestId("plan-accept").click();
  await expect(page.getByTestId("plan-status")).toHaveText("Accepted");
  await page.reload();
  await expect(page.getByTestId("plan-status")).toHaveText("Accepted");
  await expect(page.getByTestId("plan-overload")).toBeVisible();
});

test("a fixed event goes into the plan and a block can be moved or taken out", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Call the bank");
  await addTask(page, "Water the plants");
  await page.getByTestId("plan-generate").click();
  await expect(page.locator('[data-testid="plan-block"][data-kind="task"]')).toHaveCount(2);

  await page.getByTestId("plan-add-event").click();
  await page.getByTestId("event-title").fill("Dentist");
  await page.getByTestId("event-start").fill("09:00");
  await page.getByTestId("event-end").fill("10:00");
  await page.getByTestId("event-save").click();
  const dentist = page.locator('[data-testid="plan-block"][data-kind="event"][data-title="Dentist"]');
  await expect(dentist.getByTestId("plan-block-time")).toHaveText("09:00–10:00");
  // Work starts after the event now.
  await expect(page.locator('[data-testid="plan-block"][data-kind="task"]').first().getByTestId("plan-block-time")).toHaveText(/^10:00–/);

  const plants = page.locator('[data-testid="plan-block"][data-kind="task"][data-title="Water the plants"]');
  await plants.getByTestId("plan-block-move").click();
  await plants.getByTestId("plan-block-start").fill("15:00");
  await plants.getByTestId("plan-block-move-save").click();
  await expect(plants.getByTestId("plan-block-time")).toHaveText(/^15:00–/);
  await expect(plants.getByTestId("plan-block-why")).toContainText("You put this here");

  await page.locator('[data-testid="plan-block"][data-title="Call the bank"]').getByTestId("plan-block-remove").click();
  await expect(page.locator('[data-testid="plan-block"][data-title="Call the bank"]')).toHaveCount(0);
  await expect(taskItem(page, "Call the bank")).toBeVisible();
});
