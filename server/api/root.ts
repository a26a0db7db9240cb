// The app's tRPC router: every router, and the server-side caller factory.
import "server-only";
import { apiKeyRouter } from "./routers/api-key";
import { authRouter } from "./routers/auth";
import { coachRouter } from "./routers/coach";
import { focusRouter } from "./routers/focus";
import { conversationRouter } from "./routers/conversation";
import { insightsRouter } from "./routers/insights";
import { mcpRouter } from "./routers/mcp";
import { memoryRouter } from "./routers/memory";
import { moodRouter } from "./routers/mood";
import { planRouter } from "./routers/plan";
import { plannerRouter } from "./routers/planner";
import { rewardsRouter } from "./routers/rewards";
import { settingsRouter } from "./routers/settings";
import { taskRouter } from "./routers/task";
import { usageRouter } from "./routers/usage";
import { onboardingRouter } from "./routers/onboarding";
import { ritualRouter } from "./routers/ritual";
import { templateRouter } from "./routers/template";
import { zoneRouter } from "./routers/zone";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  apiKey: apiKeyRouter,
  auth: authRouter,
  coach: coachRouter,
  conversation: conversationRouter,
  focus: focusRouter,
  insights: insightsRouter,
  mcp: mcpRouter,
  memory: memoryRouter,
  mood: moodRouter,
  plan: planRouter,
  planner: plannerRouter,
  rewards: rewardsRouter,
  settings: settingsRouter,
  task: taskRouter,
  usage: usageRouter,
  onboarding: onboardingRouter,
  ritual: ritualRouter,
  template: templateRouter,
  zone: zoneRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
