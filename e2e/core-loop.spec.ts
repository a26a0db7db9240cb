// The first vertical slice, as a person uses it: sign up → add tasks → break one down → complete a
// step and the task → sign out → sign in → everything is still there; a second user sees none of it.
import { addTask, expect, newAccount, signIn, signOut, signUp, taskItem, test } from "./fixtures";

test("the core loop survives signing out and back in, and stays private", async ({ page, browser, account }) => {
  await signUp(page, account);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("coach-offline-badge")).toBeVisible();

  await addTask(page, "Clean the kitchen");
  await addTask(page, "Book a dentist appointment");

  // The coach's background estimate arrives by itself.
  await expect(taskItem(page, "Clean the kitchen").getByTestId("task-estimate")).toBeVisible();

  const kitchen = taskItem(page, "Clean the kitchen");
  await kitchen.getByTestId("task-expand").click();
  await kitchen.getByTestId("task-breakdown").click();
  const steps = kitchen.getByTestId("step-item");
  await expect(steps.first()).toBeVisible();
  const stepCount = await steps.count();
  expect(stepCount).toBeGreaterThanOrEqual(3);
  await expect(kitchen).toContainText(/dishes/i);

  // Complete one step, then the whole task.
  await steps.first().getByTestId("step-toggle").check();
  await expect(kitchen.getByTestId("task-step-count")).toHaveText(`1/${stepCount} steps`);
  await kitchen.getByTestId("task-toggle").check();
  await expect(page.getByTestId("done-list").getByText("Clean the kitchen", { exact: true })).toBeVisible();

  await signOut(page);
  await signIn(page, account);
  await expect(taskItem(page, "Book a dentist appointment")).toBeVisible();
  const doneKitchen = taskItem(page, "Clean the kitchen");
  await expect(page.getByTestId("done-list")).toContainText("Clean the kitchen");
  await doneKitchen.getByTestId("task-expand").click();
  await expect(doneKitchen.getByTestId("step-item")).toHaveCount(stepCount);

  // A second person on another browser context sees none of it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, newAccount("Sam"));
  await expect(otherPage.getByTestId("empty-state")).toBeVisible();
  await expect(otherPage.getByText("Clean the kitchen")).toHaveCount(0);
  await expect(otherPage.getByText("Book a dentist appointment")).toHaveCount(0);
  await other.close();
});

test("delete asks first, then removes the task", async ({ page, account }) => {
  await signUp(page, account);
  await addTask(page, "Water the plants");
  const item = taskItem(page, "Water the plants");
  await item.getByTestId("task-expand").click();
  await item.getByTestId("task-delete").click();
  await item.getByTestId("task-delete-confirm").click();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("wrong password shows a clear message and signed-out visitors land on sign-in", async ({ page, account }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await signUp(page, account);
  await signOut(page);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("form-error")).toContainText("don't match");
});
