// The MCP client configs Settings shows: valid JSON with the endpoint and the key in the right place.
import { describe, expect, it } from "vitest";
import { claudeCodeCommand, claudeDesktopConfig, KEY_PLACEHOLDER, mcpEndpoint, streamableHttpConfig } from "./mcp-config-text";

describe("MCP client configs", () => {
  it("points at /api/mcp on this origin", () => {
    expect(mcpEndpoint("https://focus.example.com/")).toBe("https://focus.example.com/api/mcp");
  });

  it("Claude Desktop: mcp-remote with the key as a header from env", () => {
    const config = JSON.parse(claudeDesktopConfig("https://focus.example.com", "ffk_abc"));
    expect(config).toEqual({
      mcpServers: {
        focusforge: {
          command: "npx",
          args: ["-y", "mcp-remote", "https://focus.example.com/api/mcp", "--header", "Authorization:${AUTH_HEADER}"],
          env: { AUTH_HEADER: "Bearer ffk_abc" },
        },
      },
    });
    // Plain http is allowed on this machine only, unless flagged.
    expect(JSON.parse(claudeDesktopConfig("http://localhost:3000")).mcpServers.focusforge.args).not.toContain("--allow-http");
    expect(JSON.parse(claudeDesktopConfig("http://192.168.1.20:3000")).mcpServers.focusforge.args).toContain("--allow-http");
  });

  it("Streamable HTTP: url + Authorization header; placeholder until a key is made", () => {
    expect(JSON.parse(streamableHttpConfig("http://localhost:3000"))).toEqual({
      mcpServers: { focusforge: { url: "http://localhost:3000/api/mcp", headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` } } },
    });
    expect(claudeCodeCommand("https://a.b", "ffk_x")).toBe('claude mcp add --transport http focusforge https://a.b/api/mcp --header "Authorization: Bearer ffk_x"');
  });
});
