"use client";
// Sign-up: auth.register through tRPC, then straight into a signed-in session.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import type { SignInAction } from "./sign-in-form";
import { errorMessage, useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function SignUpForm({ signIn }: { signIn: SignInAction }) {
  const trpc = useTRPC();
  const register = useMutation(trpc.auth.register.mutationOptions());
  const [signingIn, startSignIn] = useTransition();
  const [error, setError] = useState<string>();
  const fieldErrors = (register.error?.data?.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  async function onSubmit(form: FormData) {
    setError(undefined);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    try {
      await register.mutateAsync(input);
    } catch {
      return; // shown from register.error
    }
    startSignIn(async () => {
      // A new account meets onboarding first (skippable there).
      form.set("redirectTo", "/onboarding");
      const result = await signIn({}, form);
      if (result.error) setError(result.error);
    });
  }

  const pending = register.isPending || signingIn;
  const generalError = error ?? (register.error && !register.error.data?.zodError ? errorMessage(register.error) : undefined);
  return (
    <form action={onSubmit} className="flex flex-col gap-4" data-testid="sign-up-form">
      <Field id="name" name="name" label="What should the coach call you?" autoComplete="given-name" required error={fieldErrors.name?.[0]} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required error={fieldErrors.email?.[0]} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password (at least 8 characters)"
        autoComplete="new-password"
        minLength={8}
        required
        error={fieldErrors.password?.[0]}
      />
      {generalError ? (
        <p role="alert" className="text-sm text-[var(--danger)]" data-testid="form-error">
          {generalError}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} data-testid="sign-up-submit">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-sm text-[var(--muted)]">
        Already have an account?{" "}
        <Link className="underline" href="/sign-in">
          Sign in
        </Link>
      </p>
    </form>
  );
}
