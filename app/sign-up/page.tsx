// Create an account.
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signInWithPassword, signInWithProvider } from "@/server/auth/actions";
import { auth, oauthProviders } from "@/server/auth/config";

export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if ((await auth())?.user) redirect("/");
  return (
    <AuthCard title="Create your account" subtitle="Dump what's on your mind; the coach turns it into tiny steps.">
      <SignUpForm signIn={signInWithPassword} />
      <OAuthButtons providers={oauthProviders} signIn={signInWithProvider} />
    </AuthCard>
  );
}
