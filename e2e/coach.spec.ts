// The coach chat as a person uses it: a reply streams in, "add call mom tomorrow" shows a task card and
// the task is on Today, the conversation is still there after a reload; deleting asks first; the
// conversation can be renamed and deleted. No model is configured here, so the offline coach answers.
import { expect, signUp, taskItem, test } from "./fixtures";

test("chat streams a reply with a task card, and the conversation survives a reload", async ({ page, account }) => {
  await signUp(page, account);
  await page.goto("/coach");
  await expect(page.getByRole("heading", { name: "Coach" })).toBeVisible();

  // Record the reply's length as it grows, to see it arrive in pieces.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { replyLengths: number[] }).replyLengths = seen;
    new MutationObserver(() => {
      const replies = document.querySelectorAll('[data-testid="chat-assistant-message"]');
      const n = replies[replies.length - 1]?.textContent?.length ?? 0;
      if (n !== seen[seen.length - 1]) seen.push(n);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId("chat-input").fill("add call mom tomorrow");
  await page.getByTestId("chat-send").click();

  const card = page.getByTestId("tool-card-create_task");
  await expect(card).toBeVisible();
  await expect(card.getByTestId("tool-card-task-title")).toHaveText("Call mom");
  await expect(card).toContainText("due tomorrow");
  const reply = page.getByTestId("chat-assistant-message").last();
  await expect(reply).toContainText("the offline coach");
  await expect(page.getByTestId("offline-badge")).toHaveText("Offline coach");
  const lengths = await page.evaluate(() => (window as unknown as { replyLengths: number[] }).replyLengths);
  expect(new Set(lengths).size).toBeGreaterThanOrEqual(4);

  await expect(page).toHaveURL(/\/coach\?c=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("conversation-open")).toHaveText(["add call mom tomorrow"]);

  await page.reload();
  await expect(page.getByTestId("chat-user-message")).toHaveText(["You said:add call mom tomorrow"]);
  await expect(page.getByTestId("tool-card-create_task").getByTestId("tool-card-task-title")).toHaveText("Call mom");
  await expect(page.getByTestId("chat-assistant-message").last()).toContainText("Added Call mom, due tomorrow");

  await page.goto("/");
  await expect(taskItem(page, "Call mom")).toBeVisible();
});

test("deleting through the chat asks first; conversations can be renamed and deleted", async ({ page, account }) => {
  await signUp(page, account);
  await page.goto("/coach");
  await page.getByTestId("chat-input").fill("add water the plants");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.getByTestId("tool-card-create_task")).toBeVisible();

  await page.getByTestId("chat-input").fill("delete water the plants");
  await page.getByTestId("chat-send").click();
  const approval = page.getByTestId("tool-approval");
  await expect(approval).toContainText("Delete “Water the plants” for good?");
  await page.getByTestId("approve-tool").click();
  await expect(page.getByTestId("tool-card-delete_task")).toContainText("Deleted for good.");
  await expect(page.getByTestId("chat-assistant-message").last()).toContainText("Deleted. It's gone for good");

  await page.getByTestId("conversation-rename").click();
  await page.getByTestId("conversation-rename-input").fill("Garden");
  await page.getByTestId("conversation-rename-save").click();
  await expect(page.getByTestId("conversation-open")).toHaveText(["Garden"]);

  await page.getByTestId("conversation-delete").click();
  await page.getByTestId("conversation-delete-confirm").click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(0);
  await expect(page).toHaveURL(/\/coach$/);
  await expect(page.getByTestId("chat-messages")).toContainText("Tell me what's on your mind");
});
