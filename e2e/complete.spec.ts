// Completing with proof, as a person does it: tick a task (it completes at once and earns points,
// and the first one unlocks its achievement right then), add proof for the bonus and read the
// verdict, and see the header's points follow along.
import { addTask, expect, signUp, taskItem, test } from "./fixtures";

/** The total in "+10 points · 15 in total". */
const totalIn = (text: string | null) => Number(/· (\d+) in total/.exec(text ?? "")?.[1]);

test("tick, then add proof for a bonus: verdict, reason and points in the header", async ({ page, account }) => {
  await signUp(page, account);
  const badge = page.getByTestId("points-badge");
  await expect(badge.getByTestId("points-total")).toHaveText("0 pts");

  await addTask(page, "Go for a 20 minute walk");
  const walk = taskItem(page, "Go for a 20 minute walk");
  await walk.getByTestId("task-toggle").check();

  // Done at once, no proof asked for: it moves to Done with its points and a word from the coach.
  const done = page.getByTestId("done-list").getByTestId("task-item");
  await expect(done.getByTestId("points-earned")).toContainText("+10 points");
  await expect(done.getByTestId("motivation")).not.toBeEmpty();
  // The first task done is an achievement, celebrated in the same polite status as the points.
  const unlocked = done.getByRole("status").getByTestId("achievement-unlocked");
  await expect(unlocked.filter({ hasText: "First one done" })).toHaveText("🏆 Achievement unlocked: First one done (+5 points)");
  // 10 + the badge's 5 (and early-bird's 5 when the suite runs before 8 am): the header agrees.
  const ticked = totalIn(await done.getByTestId("points-earned").textContent());
  expect(ticked).toBeGreaterThanOrEqual(15);
  await expect(badge.getByTestId("points-total")).toHaveText(`${ticked} pts`);
  await expect(badge.getByTestId("points-streak")).toHaveText("1-day streak");

  await done.getByTestId("add-proof").click();
  await done.getByTestId("proof-text").fill("Walked around the park for 25 minutes, 2.1 km on my watch.");
  await done.getByTestId("proof-submit").click();
  const verdict = done.getByTestId("proof-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "accepted");
  await expect(verdict).toContainText("Proof accepted");
  await expect(done.getByTestId("proof-reason")).not.toBeEmpty();
  await expect(done.getByTestId("points-earned")).toContainText(`+5 points (with the proof bonus) · ${ticked + 10} in total`);
  // The first accepted proof is a badge too; the first task's is not announced again.
  await expect(unlocked).toHaveText(["🏆 Achievement unlocked: Show and tell (+5 points)"]);
  await expect(badge.getByTestId("points-total")).toHaveText(`${ticked + 10} pts`);
  // Accepted once is enough: no second bonus to chase.
  await expect(done.getByTestId("add-proof")).toHaveCount(0);

  // The badge opens to show what was earned.
  await badge.locator("summary").click();
  await expect(badge).toContainText("Proof accepted: Go for a 20 minute walk");
  await expect(badge).toContainText("Completed: Go for a 20 minute walk");
});

test("proof on an open task completes it too, and a bare 'done' asks for more without blocking", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Call the insurance company");
  const item = taskItem(page, "Call the insurance company");
  await item.getByTestId("add-proof").click();
  await item.getByTestId("proof-text").fill("called");
  await item.getByTestId("proof-submit").click();

  const done = page.getByTestId("done-list").getByTestId("task-item");
  await expect(done.getByTestId("proof-verdict")).toHaveAttribute("data-verdict", "needs_more");
  await expect(done.getByTestId("proof-reason")).toContainText(/who you spoke to/);
  await expect(done.getByTestId("points-earned")).toContainText("+10 points");
  await expect(done.getByTestId("achievement-unlocked").first()).toContainText("Achievement unlocked: First one done (+5 points)");
  const total = totalIn(await done.getByTestId("points-earned").textContent());
  await expect(page.getByTestId("points-badge").getByTestId("points-total")).toHaveText(`${total} pts`);
  // Still possible to add better proof.
  await expect(done.getByTestId("add-proof")).toBeVisible();
});
