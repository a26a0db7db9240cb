// The copy-paste configs for connecting an MCP client to FocusForge's /api/mcp: Claude Desktop (which
// only starts local stdio servers, so the `mcp-remote` bridge carries the key as a header), any client
// that speaks Streamable HTTP with headers (Cursor, VS Code, Windsurf…), and Claude Code's CLI.
export const KEY_PLACEHOLDER = "<your API key>";

export function mcpEndpoint(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/mcp`;
}

/** mcp-remote refuses plain http except on this machine unless told it is a trusted network. */
function needsAllowHttp(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

export function claudeDesktopConfig(origin: string, key: string = KEY_PLACEHOLDER): string {
  const endpoint = mcpEndpoint(origin);
  // "Authorization:${AUTH_HEADER}" without spaces: some launchers split arguments on spaces; the
  // value with its space lives in env, which is passed through untouched.
  const args = ["-y", "mcp-remote", endpoint, "--header", "Authorization:${AUTH_HEADER}", ...(needsAllowHttp(endpoint) ? ["--allow-http"] : [])];
  return JSON.stringify({ mcpServers: { focusforge: { command: "npx", args, env: { AUTH_HEADER: `Bearer ${key}` } } } }, null, 2);
}

export function streamableHttpConfig(origin: string, key: string = KEY_PLACEHOLDER): string {
  return JSON.stringify({ mcpServers: { focusforge: { url: mcpEndpoint(origin), headers: { Authorization: `Bearer ${key}` } } } }, null, 2);
}

export function claudeCodeCommand(origin: string, key: string = KEY_PLACEHOLDER): string {
  return `claude mcp add --transport http focusforge ${mcpEndpoint(origin)} --header "Authorization: Bearer ${key}"`;
}
