// `npm start`: builds the app when there is no build or the sources changed since the last one,
// then serves it with `next start` on PORT (default 3000). No key, no server needed: unset
// variables select the embedded defaults (see the README).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "./build-state.mjs";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = process.env.PORT || "3000";

const reason = buildIsStale(root);
if (reason) {
  console.log(`FocusForge: building the app (${reason}); this takes a minute the first time…`);
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log(`FocusForge: serving on http://localhost:${port}`);
const server = spawn(process.execPath, [next, "start", "-p", port], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
