// Starts the planner benchmark (bench/planner.ts) in a process of its own: one core's worth of work
// measured by itself, the embedded runner chosen whatever Inngest settings the shell has, quiet logs.
import { spawn } from "node:child_process";
import path from "node:path";
import { onCleanup } from "./lib";

export async function launchPlannerBench(): Promise<void> {
  const script = path.join(process.cwd(), "bench", "planner.ts");
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", AI_PROVIDER: "offline" };
  delete env.INNGEST_EVENT_KEY;
  delete env.INNGEST_DEV;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { stdio: "inherit", env });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const unregister = onCleanup("planner bench", async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  });
  const { code, signal } = await exited;
  unregister();
  if (code !== 0) throw new Error(`bench/planner.ts ${signal ? `was killed by ${signal}` : `exited with ${code}`}`);
}
