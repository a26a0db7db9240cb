"use server";
// Server actions behind the sign-in form and the sign-out button.
import { AuthError } from "next-auth";
import { signIn, signOut } from "./config";

interface SignInState {
  error?: string;
}

/** Where a successful sign-in may land: a fixed list, so a form field can never send anyone off-site. */
const AFTER_SIGN_IN = new Set(["/", "/onboarding"]);

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const wanted = String(form.get("redirectTo") ?? "/");
  const redirectTo = AFTER_SIGN_IN.has(wanted) ? wanted : "/";
  const password = String(form.get("password") ?? "");
  if (!email) return { error: "email: Enter your email address" };
  if (!password) return { error: "password: Enter your password" };
  try {
    await signIn("credentials", { email, password, redirectTo });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { error: "Too many sign-in attempts. Wait a few minutes and try again." };
      if (error.type === "CredentialsSignin") return { error: "That email and password don't match an account." };
      return { error: "Sign-in is not available right now. Please try again in a moment." };
    }
    throw error; // Next's redirect after a successful sign-in travels as an exception.
  }
}

export async function signInWithProvider(provider: string): Promise<void> {
  await signIn(provider, { redirectTo: "/" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
