// A new person's whole first day in the browser, on the embedded defaults: sign up → onboarding (goals,
// zones, hours and energy, coach tone) → a first look at their pet → Today: add tasks, the morning
// ritual (intention, energy, top three) → the plan opens with the top task → "Focus" on it → a real
// minute of focus, finished early → a check-in → tick the task off → the points badge rose and the
// streak started → Rewards: XP, a 1-day streak, the pet grew → Insights: today's completion and focus.
import { addTask, expect, startSignUp, taskItem, test } from "./fixtures";
import { zoneWhereItIsSeven } from "./time-zone";

// Early morning in the browser's (and so the account's) zone: the whole working day is still ahead.
const timeZone = zoneWhereItIsSeven();
test.use({ timezoneId: timeZone });

/** The number in a text like "12 pts" or "+10 points · 11 in total" (the first one). */
function firstNumber(text: string | null): number {
  return Number(/-?\d+/.exec(text ?? "")?.[0] ?? Number.NaN);
}

test("a whole day: onboard, plan, focus, check in, complete, be rewarded, see insights", async ({ page, account }) => {
  // A minute of focus has to really pass for it to count (the server's clock is the truth).
  test.setTimeout(240_000);

  // ── Sign up and onboarding, every step answered ──
  await startSignUp(page, account);
  await page.getByTestId("onboarding-goals").getByLabel("Staying focused").check();
  await page.getByTestId("onboarding-note").fill("Big projects stall on me");
  await page.getByTestId("onboarding-next").click();

  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 2 of 4: Your zones");
  await page.getByTestId("onboarding-zone-new").fill("Music");
  await page.getByTestId("onboarding-zone-add").click();
  await expect(page.getByTestId("onboarding-zone-name").last()).toHaveValue("Music");
  await page.getByTestId("onboarding-next").click();

  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 3 of 4: Your day");
  await page.getByTestId("onboarding-start").fill("08:00");
  await page.getByTestId("onboarding-end").fill("20:00");
  await page.getByTestId("onboarding-pattern").getByLabel(/Steady/).check();
  await page.getByTestId("onboarding-next").click();

  await expect(page.getByTestId("onboarding-progress")).toHaveText("Step 4 of 4: Your coach");
  await page.getByTestId("onboarding-tone").getByLabel(/Cheerful/).check();
  await page.getByTestId("onboarding-next").click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  const badge = page.getByTestId("points-badge");
  await expect(badge.getByTestId("points-total")).toHaveText("0 pts");
  await expect(badge.getByTestId("points-streak")).toHaveCount(0);

  // ── A first look at Rewards: no XP, no streak, the pet still an egg ──
  await page.getByTestId("nav-rewards").click();
  await expect(page.getByRole("heading", { name: "Rewards", level: 1 })).toBeVisible();
  await expect(page.getByTestId("rewards-xp")).toHaveText("0 XP");
  await expect(page.getByTestId("streak-days")).toHaveText("0 days");
  await expect(page.getByTestId("pet-stage")).toHaveText("Egg");
  const petGrowth = page.getByTestId("pet-growth");
  await expect(petGrowth).toHaveAttribute("aria-label", /^Growth to \w+: \d+ of \d+$/);
  const petStart = (await petGrowth.getAttribute("aria-label")) ?? "";
  await expect(page.getByTestId("pet-card")).toContainText("(0 focus minutes + 0 care)");

  // ── Today: tasks, then the morning ritual picks the top three ──
  await page.getByTestId("nav-today").click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  const top = "Draft the project proposal";
  for (const title of ["Reply to the landlord", top, "Book a haircut"]) await addTask(page, title);

  const ritual = page.getByTestId("morning-ritual");
  await expect(ritual).toBeVisible();
  await ritual.getByTestId("ritual-intention").fill("Make a real start on the proposal");
  await ritual.getByTestId("ritual-energy").getByText("good", { exact: true }).click();
  await expect(ritual.getByTestId("ritual-energy").getByRole("radio", { name: "4 good" })).toBeChecked();
  await ritual.getByTestId("ritual-top-0").selectOption({ label: top });
  await ritual.getByTestId("ritual-top-1").selectOption({ label: "Reply to the landlord" });
  await ritual.getByTestId("ritual-top-2").selectOption({ label: "Book a haircut" });
  await ritual.getByTestId("ritual-save").click();

  await expect(page.getByTestId("ritual-summary")).toHaveText(
    `“Make a real start on the proposal” · energy 4/5 · top: ${top}, Reply to the landlord, Book a haircut`,
  );
  await expect(page.getByTestId("morning-ritual")).toHaveCount(0);
  // The day plan opens with the top task, and says why.
  const taskBlocks = page.locator('[data-testid="plan-block"][data-kind="task"]');
  await expect(taskBlocks.first()).toHaveAttribute("data-title", top);
  await expect(taskBlocks.first().getByTestId("plan-block-why")).toContainText("Your top task today, from your morning ritual");
  await expect(taskBlocks.first().getByTestId("plan-block-time")).toHaveText(/^\d\d:\d\d–\d\d:\d\d$/);
  // Then the other two in the order picked (a long task may go on in a "(continued)" block).
  await expect
    .poll(async () => {
      const titles = await taskBlocks.evaluateAll((els) => els.map((el) => el.getAttribute("data-title") ?? ""));
      return [...new Set(titles.map((t) => t.replace(/ \(continued\)$/, "")))];
    })
    .toEqual([top, "Reply to the landlord", "Book a haircut"]);

  // ── Focus on the top task, from the task itself ──
  await taskItem(page, top).getByRole("link", { name: `Focus on ${top}` }).click();
  await expect(page.getByRole("heading", { name: "Focus", level: 1 })).toBeVisible();
  const form = page.getByTestId("focus-start-form");
  await expect(form.getByTestId("focus-task").locator("option:checked")).toHaveText(top);
  // The coach's suggested ritual, taken as it is.
  await expect(form.getByTestId("focus-ritual-why")).toContainText("The coach suggests this");
  await expect(form.getByTestId("focus-ritual")).not.toHaveValue("");
  await form.getByTestId("focus-preset-25/5").check();
  await expect(form.getByTestId("focus-start")).toHaveText("Start 25-minute focus");
  await form.getByTestId("focus-start").click();

  const session = page.getByTestId("focus-session");
  await expect(session).toHaveAttribute("data-phase", "focus");
  await expect(session.getByRole("heading", { level: 2 })).toContainText(`Focusing · ${top}`);
  await expect(page.getByTestId("focus-timer")).toHaveText(/^2[45]:\d\d$/);
  // A minute of real focus (the polite screen-reader line changes once a minute), then finish early.
  await expect(page.getByTestId("focus-timer-words")).toHaveText(/^2[0-4] minutes of focus left$/, { timeout: 100_000 });
  await expect(page.getByTestId("focus-finish")).toHaveText("Finish early");
  await page.getByTestId("focus-finish").click();

  const finished = page.getByTestId("focus-finished");
  await expect(finished).toContainText(new RegExp(`You focused [1-9]\\d* min on “${top}”`));
  const minutes = firstNumber(/You focused (\d+) min/.exec((await finished.textContent()) ?? "")?.[1] ?? null);
  await expect(finished.getByTestId("focus-points")).toHaveText(/^\+[1-9]\d* focus points$/);
  const focusPoints = firstNumber(await finished.getByTestId("focus-points").textContent());
  // Focus before 8 am is an achievement, celebrated right here; the badge rose by both.
  await expect(finished.getByTestId("achievement-unlocked")).toHaveText(["🏆 Achievement unlocked: Early bird (+5 points)"]);
  await expect(badge.getByTestId("points-total")).toHaveText(`${focusPoints + 5} pts`);
  await expect(page.getByTestId("focus-history").getByTestId("focus-history-item").first()).toHaveAttribute("data-status", "completed");

  // ── Back on Today: the task shows the time it took; check in ──
  await page.getByTestId("nav-today").click();
  await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  await expect(taskItem(page, top).getByTestId("task-actual")).toHaveText(new RegExp(`took ${minutes} min$`));

  await page.getByTestId("checkin-mood").getByText("good", { exact: true }).click();
  await page.getByTestId("checkin-energy").getByText("good", { exact: true }).click();
  await page.getByTestId("checkin-note").fill("A good first push");
  await page.getByTestId("checkin-submit").click();
  await expect(page.getByTestId("checkin-message")).toHaveText("Good energy noted — a fine day for your hardest task.");
  await expect(page.getByTestId("checkin-today")).toHaveText("Today so far: mood 4/5 · energy 4/5");
  // A good check-in offers nothing lighter.
  await expect(page.getByTestId("checkin-low-energy")).toHaveCount(0);

  // ── Complete the task ──
  await taskItem(page, top).getByTestId("task-toggle").check();
  const done = page.getByTestId("done-list").getByTestId("task-item");
  await expect(done).toHaveAttribute("data-title", top);
  await expect(done.getByTestId("points-earned")).toHaveText(/^\+[1-9]\d* points · \d+ in total$/);
  const earnedText = await done.getByTestId("points-earned").textContent();
  const earned = firstNumber(earnedText);
  // The first task done is an achievement too (+5), announced with the points.
  await expect(done.getByTestId("achievement-unlocked")).toHaveText(["🏆 Achievement unlocked: First one done (+5 points)"]);
  const total = focusPoints + 5 + earned + 5;
  expect(earnedText).toContain(`· ${total} in total`);
  await expect(page.getByTestId("task-list").getByTestId("task-item")).toHaveCount(2);
  await expect(page.locator(`[data-testid="plan-block"][data-title="${top}"]`)).toContainText("(done)");
  // The badge rose again, and the streak started.
  await expect(badge.getByTestId("points-total")).toHaveText(`${total} pts`);
  await expect(badge.getByTestId("points-streak")).toHaveText("1-day streak");

  // ── Rewards: XP earned, a 1-day streak, the pet grew from the focus minutes ──
  await page.getByTestId("nav-rewards").click();
  await expect(page.getByRole("heading", { name: "Rewards", level: 1 })).toBeVisible();
  await expect(page.getByTestId("rewards-xp")).toHaveText(/^\d+ XP$/);
  // At least what the focus and the task earned (achievement bonuses may come on top).
  await expect.poll(async () => firstNumber(await page.getByTestId("rewards-xp").textContent())).toBeGreaterThanOrEqual(total);
  await expect(page.getByTestId("streak-days")).toHaveText("1 day");
  await expect(page.locator('[data-testid="achievement"][data-key="first-task"]')).toHaveAttribute("data-unlocked", "true");
  await expect(page.getByTestId("pet-card")).toContainText(`(${minutes} focus ${minutes === 1 ? "minute" : "minutes"} + 0 care)`);
  await expect(petGrowth).toHaveAttribute("aria-label", new RegExp(`^Growth to \\w+: ${minutes} of \\d+$`));
  expect(await petGrowth.getAttribute("aria-label")).not.toBe(petStart);

  // ── Insights: today's completion and focus, in words and in the chart ──
  await page.getByTestId("nav-insights").click();
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  const today = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(new Date());
  const completions = page.getByTestId("insight-completions");
  await expect(completions.getByTestId("insight-completions-reading")).toHaveText(`You finished 1 task in the last 30 days, all on ${today}.`);
  await expect(completions.getByTestId("insight-completions-chart")).toHaveAttribute("aria-label", /1 task and 0 steps/);
  await expect(completions.getByTestId("insight-completions-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("insight-focus-reading")).toHaveText(`You focused ${minutes} min in the last 30 days, all on ${today}.`);
});
