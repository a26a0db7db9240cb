// tRPC over HTTP (fetch adapter) at /api/trpc.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { sessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";

async function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () =>
      createContext({ db: await getDb(), user: await sessionUser(), headers: req.headers, signal: req.signal }),
  });
}

export { handler as GET, handler as POST };
