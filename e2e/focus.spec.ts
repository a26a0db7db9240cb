// A focus session as a person runs it: "Focus" on a task → the coach's ritual → start → reload (the
// server keeps the timer) → park a thought → a minute passes (the screen-reader line says so) →
// finish → focus points in the header, the session in history, the parked thought made a task, and
// "estimated …, took 1 min" on the task.
import { expectNoA11yViolations } from "./axe";
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

test("start from a task, survive a reload, park a thought, finish for points and history", async ({ page, account, context }) => {
  // One real minute has to pass for a minute to count: the server's clock is the truth.
  test.setTimeout(180_000);
  await signUp(page, account);
  await addTask(page, "Write the blog intro");
  await taskItem(page, "Write the blog intro").getByTestId("task-focus").click();

  await expect(page.getByRole("heading", { name: "Focus", level: 1 })).toBeVisible();
  const form = page.getByTestId("focus-start-form");
  await expect(form.getByTestId("focus-task").locator("option:checked")).toHaveText("Write the blog intro");
  await expect(form.getByTestId("focus-ritual")).not.toHaveValue("");
  await expect(form.getByTestId("focus-ritual-why")).toContainText("The coach suggests this");
  await form.getByTestId("focus-ritual").fill("Glass of water, phone in the drawer");
  await form.getByTestId("focus-preset-25/5").check();
  // The page's own content; the shared header is a11y.spec.ts's to check.
  await expectNoA11yViolations(page, { label: "Focus, start form", include: ["main"] });
  await form.getByTestId("focus-start").click();

  const session = page.getByTestId("focus-session");
  await expect(session).toHaveAttribute("data-phase", "focus");
  await expect(session).toContainText("Write the blog intro");
  await expect(session).toContainText("Ritual: Glass of water, phone in the drawer");
  await expect(page.getByTestId("focus-timer")).toHaveText(/^2[45]:\d\d$/);
  const id = await session.getAttribute("data-session-id");

  // A reload asks the server: the same session, still counting down.
  await page.reload();
  await expect(page.getByTestId("focus-session")).toHaveAttribute("data-session-id", id ?? "missing");
  await expect(page.getByTestId("focus-timer")).toHaveText(/^2[45]:\d\d$/);
  // The server planned its reminders through the planner (reminder/scheduled).
  await expect(page.getByTestId("focus-reminders")).toContainText(/end of focus at .+ \(waiting\) · end of break at .+ \(waiting\)/);

  // Allowed notifications (the button that asks only shows while the browser hasn't decided).
  await context.grantPermissions(["notifications"]);
  await page.reload();
  await expect(page.getByTestId("focus-notify-on")).toBeVisible();
  await expect(page.getByTestId("focus-notify")).toHaveCount(0);

  await page.getByTestId("focus-park-input").fill("Call the dentist");
  await page.getByTestId("focus-park").click();
  await expect(page.getByTestId("focus-parked-now")).toContainText("Call the dentist");
  await expect(page.getByTestId("focus-park-input")).toHaveValue("");
  await expectNoA11yViolations(page, { label: "Focus, running session", include: ["main"] });

  // The polite live line changes once a minute, not every second.
  await expect(page.getByTestId("focus-timer-words")).toHaveText("24 minutes of focus left", { timeout: 90_000 });
  await page.getByTestId("focus-finish").click();

  const finished = page.getByTestId("focus-finished");
  await expect(finished.getByTestId("focus-points")).toHaveText("+1 focus points");
  await expect(finished).toContainText(/You focused 1 min on “Write the blog intro”/);
  // Plus the bonus of any achievement the finish unlocked (e.g. "Early bird" before 8 am).
  const unlocked = await finished.getByTestId("achievement-unlocked").allTextContents();
  const bonus = unlocked.reduce((sum, text) => sum + Number(/\(\+(\d+) points\)/.exec(text)?.[1] ?? 0), 0);
  await expect(page.getByTestId("points-badge").getByTestId("points-total")).toHaveText(`${1 + bonus} pts`);
  const item = page.getByTestId("focus-history").getByTestId("focus-history-item").first();
  await expect(item).toHaveAttribute("data-status", "completed");
  await expect(item).toContainText("Write the blog intro");
  await expect(item).toContainText("1 of 25 min");
  await expect(page.getByTestId("focus-today-minutes")).toHaveText("1 minute of focus in 1 session.");

  // The parked thought becomes a task on Today; the task shows how long it really took.
  await expect(page.getByTestId("focus-parked-item")).toHaveText("Call the dentist");
  await page.getByTestId("focus-capture-parked").click();
  await expect(page.getByTestId("focus-captured")).toHaveText("Added 1 task to your list.");
  await page.goto("/");
  await expect(taskItem(page, "Call the dentist")).toBeVisible();
  await expect(taskItem(page, "Write the blog intro").getByTestId("task-actual")).toHaveText(/took 1 min$/);
});
