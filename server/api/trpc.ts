// tRPC: the context (db, session, request id, caller IP), superjson, errors people can read, and
// the procedures: public, protected (a signed-in user) and ai (protected + rate limited).
import "server-only";
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { clientIp } from "../auth/accounts";
import type { SessionUser } from "../auth/types";
import type { Db } from "../db/client";
import { env } from "../env";
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from "../errors";
import { log } from "../log";
import { enforceRateLimit, type RateLimitName } from "../ratelimit";

export type { SessionUser };

export interface Context {
  db: Db;
  user: SessionUser | null;
  requestId: string;
  ip: string;
  signal?: AbortSignal;
}

export function createContext(args: { db: Db; user: SessionUser | null; headers?: Headers; signal?: AbortSignal }): Context {
  return {
    db: args.db,
    user: args.user,
    requestId: args.headers?.get("x-request-id") ?? randomUUID(),
    ip: args.headers ? clientIp(args.headers) : "local",
    signal: args.signal,
  };
}

function formatZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: env.NODE_ENV === "development",
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const message = zodError
      ? formatZodError(zodError)
      : error.code === "INTERNAL_SERVER_ERROR"
        ? "Something went wrong on our side. Nothing you entered was lost; please try again."
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: zodError ? z.flattenError(zodError) : null,
        retryAfterSeconds: error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : undefined,
      },
    };
  },
});

const domainCodes: [new (...args: never[]) => DomainError, TRPC_ERROR_CODE_KEY][] = [
  [NotFoundError, "NOT_FOUND"],
  [ConflictError, "CONFLICT"],
  [InvalidInputError, "BAD_REQUEST"],
  [UnauthorizedError, "UNAUTHORIZED"],
  [RateLimitedError, "TOO_MANY_REQUESTS"],
  [UnavailableError, "SERVICE_UNAVAILABLE"],
];

/** Maps typed domain errors to tRPC codes in one place; logs what nobody expected. */
const errorMapping = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  for (const [type, code] of domainCodes) {
    if (cause instanceof type) throw new TRPCError({ code, message: cause.message, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    log.error("procedure failed", { path, requestId: ctx.requestId, error: cause ?? result.error });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Protected and rate limited per user: for procedures that call the coach. */
export function aiProcedure(limit: RateLimitName = "ai") {
  return protectedProcedure.use(async ({ ctx, next }) => {
    await enforceRateLimit(limit, `user:${ctx.user.id}`);
    return next();
  });
}
