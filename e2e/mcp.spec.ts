// MCP from end to end: make an API key in Settings (shown once, with the configs to paste), connect
// the MCP SDK's own client to the running app's /api/mcp with it, add and complete a task that then
// shows on Today, and revoke the key in Settings, after which the client is refused.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expectNoA11yViolations } from "./axe";
import { expect, signUp, taskItem, test } from "./fixtures";

async function connect(baseURL: string, key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: "focusforge-e2e", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const firstText = (result: Awaited<ReturnType<Client["callTool"]>>) => (result.content as { type: string; text: string }[])[0]?.text ?? "";

test("a key made in Settings lets an MCP client manage tasks until it is revoked", async ({ page, account, baseURL }) => {
  await signUp(page, account);
  await page.goto("/settings");
  const section = page.getByTestId("api-keys");
  await expect(section.getByRole("heading", { name: "Assistants (MCP)" })).toBeVisible();
  await expect(section.getByText("No keys yet.")).toBeVisible();

  // A blank name is refused, naming the field.
  await page.getByTestId("api-key-create").click();
  await expect(section.getByText(/^name: Give the key a name/)).toBeVisible();

  await page.getByLabel("Name for a new key").fill("Claude Desktop");
  await page.getByTestId("api-key-create").click();
  const secret = page.getByTestId("api-key-secret");
  await expect(secret).toHaveValue(/^ffk_[A-Za-z0-9_-]{43}$/);
  const key = await secret.inputValue();
  await expect(page.getByTestId("api-key-new")).toContainText("shown only this once");
  await expect(page.getByTestId("mcp-config-claude")).toContainText(`"AUTH_HEADER": "Bearer ${key}"`);
  await expect(page.getByTestId("mcp-config-claude")).toContainText('"mcp-remote"');
  await expect(page.getByTestId("mcp-config-http")).toContainText(`"url": "${baseURL}/api/mcp"`);
  const row = page.getByTestId("api-key-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Claude Desktop");
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText("never used");
  await expectNoA11yViolations(page, { label: "Settings, API keys", include: ['[data-testid="api-keys"]'] });

  // Once dismissed, the secret is gone for good: the list shows only its prefix.
  await page.getByTestId("api-key-done").click();
  await expect(secret).toHaveCount(0);
  await page.reload();
  await expect(row).toContainText(key.slice(0, 12));
  await expect(page.getByText(key)).toHaveCount(0);

  // The assistant's side: the SDK client against the running app.
  const client = await connect(baseURL!, key);
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(["create_task", "complete_task", "list_tasks", "delete_task"]));
  const created = await client.callTool({ name: "create_task", arguments: { title: "Call the plumber" } });
  expect(created.isError).toBeFalsy();
  const { task } = JSON.parse(firstText(created)) as { task: { id: string } };

  await page.goto("/");
  await expect(taskItem(page, "Call the plumber")).toBeVisible();

  const done = await client.callTool({ name: "complete_task", arguments: { id: task.id } });
  expect(JSON.parse(firstText(done))).toMatchObject({ newlyCompleted: true });
  await page.reload();
  await expect(page.getByTestId("done-list").getByTestId("task-item")).toHaveAttribute("data-title", "Call the plumber");
  await expect(page.getByTestId("task-list").getByTestId("task-item")).toHaveCount(0);

  // Settings now shows when it was used; revoking needs a confirmation and cuts the client off.
  await page.goto("/settings");
  await expect(row).toContainText("last used");
  await page.getByTestId("api-key-revoke").click();
  await page.getByTestId("api-key-revoke-confirm").click();
  await expect(page.getByTestId("api-key-revoked")).toBeVisible();
  await expect(client.listTools()).rejects.toThrow(/401|revoked/);
});
