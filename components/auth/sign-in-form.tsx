"use client";
// Email + password sign-in, through the credentials provider (a server action).
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export interface SignInState {
  error?: string;
}
export type SignInAction = (prev: SignInState, form: FormData) => Promise<SignInState>;

export function SignInForm({ signIn }: { signIn: SignInAction }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="flex flex-col gap-4" data-testid="sign-in-form">
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required />
      <Field id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      {state.error ? (
        <p role="alert" className="text-sm text-[var(--danger)]" data-testid="form-error">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} data-testid="sign-in-submit">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm text-[var(--muted)]">
        New here?{" "}
        <Link className="underline" href="/sign-up">
          Create an account
        </Link>
      </p>
    </form>
  );
}
