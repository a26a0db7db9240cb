// Sign in with email and password (and GitHub/Google when configured).
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInWithPassword, signInWithProvider } from "@/server/auth/actions";
import { auth, oauthProviders } from "@/server/auth/config";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if ((await auth())?.user) redirect("/");
  return (
    <AuthCard title="Welcome back" subtitle="Pick up where you left off. No judgement about how long it's been.">
      <SignInForm signIn={signInWithPassword} />
      <OAuthButtons providers={oauthProviders} signIn={signInWithProvider} />
    </AuthCard>
  );
}
