// Starts the chat benchmark (bench/chat.ts) in a process of its own: NODE_ENV=test so the mock model
// can be swapped in through providers.ts' test switch, quiet logs, a private data dir.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "./lib";

export async function launchChatBench(): Promise<void> {
  const script = path.join(process.cwd(), "bench", "chat.ts");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "error",
    DATA_DIR: path.join(os.tmpdir(), `focusforge-bench-chat-${process.pid}`),
  };
  delete env.RATE_LIMIT_DISABLED; // the chat limit is part of what is measured
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { stdio: "inherit", env });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const unregister = onCleanup("chat bench", async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  });
  const { code, signal } = await exited;
  unregister();
  if (code !== 0) throw new Error(`bench/chat.ts ${signal ? `was killed by ${signal}` : `exited with ${code}`}`);
}
