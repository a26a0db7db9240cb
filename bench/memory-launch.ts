// Starts the memory.search benchmark (bench/memory.ts) for `npm run bench -- memory`, in a process of its
// own: its search() must embed queries with the offline hashing embedder whatever the environment
// configures, and the env module reads AI_PROVIDER once, when first imported.
import { spawn } from "node:child_process";
import path from "node:path";
import { onCleanup } from "./lib";

export async function launchMemoryBench(args: string[]): Promise<void> {
  const script = path.join(process.cwd(), "bench", "memory.ts");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    stdio: "inherit",
    env: { ...process.env, AI_PROVIDER: "offline" },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // On Ctrl-C the child gets the signal from the terminal too; this covers a plain kill of the parent.
  const unregister = onCleanup("memory bench", async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  });
  const { code, signal } = await exited;
  unregister();
  if (code !== 0) throw new Error(`bench/memory.ts ${signal ? `was killed by ${signal}` : `exited with ${code}`}`);
}
