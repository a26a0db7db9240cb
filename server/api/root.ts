// The app's tRPC router: every router, and the server-side caller factory.
import "server-only";
import { authRouter } from "./routers/auth";
import { memoryRouter } from "./routers/memory";
import { taskRouter } from "./routers/task";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  memory: memoryRouter,
  task: taskRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
