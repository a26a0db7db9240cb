// The day loop of issue 5 in the browser: sign up → add two tasks → plan today (both show as time
// blocks) → complete one from the task list → the plan marks it done, the header's points badge shows
// what it earned (with the bonus of the achievements the first task unlocks, announced right there),
// and the rewards summary lists the ledger entry.
import { addTask, expect, signUp, taskItem, test } from "./fixtures";
import { zoneWhereItIsSeven } from "./time-zone";

test.use({ timezoneId: zoneWhereItIsSeven() });

test("create → plan today → complete → points shown", async ({ page, account }) => {
  await signUp(page, account);
  const badge = page.getByTestId("points-badge");
  await expect(badge.getByTestId("points-total")).toHaveText("0 pts");

  const tasks = ["Send the invoice to Alex", "Book the car service"] as const;
  for (const title of tasks) {
    await addTask(page, title);
    await expect(taskItem(page, title).getByTestId("task-estimate")).toBeVisible();
  }

  await page.getByTestId("plan-generate").click();
  const taskBlocks = page.locator('[data-testid="plan-block"][data-kind="task"]');
  await expect(taskBlocks).toHaveCount(2);
  for (const title of tasks) {
    const block = page.locator(`[data-testid="plan-block"][data-kind="task"][data-title="${title}"]`);
    await expect(block.getByTestId("plan-block-time")).toHaveText(/^\d\d:\d\d–\d\d:\d\d$/);
    await expect(block).not.toContainText("(done)");
  }

  await taskItem(page, tasks[0]).getByTestId("task-toggle").check();
  const done = page.getByTestId("done-list").getByTestId("task-item");
  await expect(done).toHaveAttribute("data-title", tasks[0]);
  await expect(page.getByTestId("task-list").getByTestId("task-item")).toHaveCount(1);
  const earnedText = await done.getByTestId("points-earned").textContent();
  const earned = Number(/\+(\d+) points/.exec(earnedText ?? "")?.[1]);
  expect(earned, `points earned in "${earnedText}"`).toBeGreaterThan(0);
  // A first task, done at 7 am: two achievements at once, each with its bonus in the total.
  await expect(done.getByRole("status").getByTestId("achievement-unlocked")).toHaveText([
    "🏆 Achievement unlocked: First one done (+5 points)",
    "🏆 Achievement unlocked: Early bird (+5 points)",
  ]);
  const total = Number(/· (\d+) in total/.exec(earnedText ?? "")?.[1]);
  expect(total).toBe(earned + 10);

  // The plan shows the finished block as done; the other stays open.
  await expect(page.locator(`[data-testid="plan-block"][data-title="${tasks[0]}"]`)).toContainText("(done)");
  await expect(page.locator(`[data-testid="plan-block"][data-title="${tasks[1]}"]`)).not.toContainText("(done)");

  // The badge shows the points; opened, the rewards summary lists the ledger entry.
  await expect(badge.getByTestId("points-total")).toHaveText(`${total} pts`);
  await expect(badge.getByTestId("points-streak")).toHaveText("1-day streak");
  await badge.locator("summary").click();
  const entry = badge.getByRole("listitem").filter({ hasText: `Completed: ${tasks[0]}` });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(`+${earned}`);

  // Still there after a reload: it was stored, not just shown.
  await page.reload();
  await expect(badge.getByTestId("points-total")).toHaveText(`${total} pts`);
  await expect(page.locator(`[data-testid="plan-block"][data-title="${tasks[0]}"]`)).toContainText("(done)");
});
