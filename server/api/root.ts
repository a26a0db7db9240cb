// The app's tRPC router: every router, and the server-side caller factory.
import "server-only";
import { authRouter } from "./routers/auth";
import { coachRouter } from "./routers/coach";
import { memoryRouter } from "./routers/memory";
import { moodRouter } from "./routers/mood";
import { planRouter } from "./routers/plan";
import { plannerRouter } from "./routers/planner";
import { rewardsRouter } from "./routers/rewards";
import { settingsRouter } from "./routers/settings";
import { taskRouter } from "./routers/task";
import { usageRouter } from "./routers/usage";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  coach: coachRouter,
  memory: memoryRouter,
  mood: moodRouter,
  plan: planRouter,
  planner: plannerRouter,
  rewards: rewardsRouter,
  settings: settingsRouter,
  task: taskRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
