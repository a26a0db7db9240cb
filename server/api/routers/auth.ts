// auth.register: create an email + password account (sign-in itself is Auth.js's credentials provider).
import "server-only";
import { registerAccount, registerInput } from "../../auth/accounts";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  register: publicProcedure
    .input(registerInput)
    .mutation(({ ctx, input }) => registerAccount(ctx.db, input, { ip: ctx.ip })),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
