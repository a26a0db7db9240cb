// Auth.js v5: JWT sessions (no database round trip per request), the Drizzle adapter for OAuth
// accounts, email + password through the `credentials` provider, GitHub/Google when configured.
import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "../db/client";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import { env } from "../env";
import { RateLimitedError } from "../errors";
import { log } from "../log";
import { clientIp, verifyCredentials } from "./accounts";
import { getAuthSecret } from "./secret";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

async function buildConfig(): Promise<NextAuthConfig> {
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        try {
          return await verifyCredentials(db, credentials, { ip: clientIp(request.headers) });
        } catch (error) {
          if (error instanceof RateLimitedError) throw new TooManyAttempts();
          log.error("sign-in failed", { error });
          throw error;
        }
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    secret: getAuthSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      error: (error) => {
        if (error instanceof CredentialsSignin) return; // a wrong password is not a server error
        log.error("auth error", { error });
      },
      warn: (code) => log.warn("auth warning", { code }),
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/** The OAuth providers switched on by the environment, for the sign-in page. */
export const oauthProviders = [
  ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []),
  ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET ? [{ id: "google", name: "Google" }] : []),
];
