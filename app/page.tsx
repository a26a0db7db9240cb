// Today: the signed-in home — quick add, the task list, steps, break down, complete.
import { redirect } from "next/navigation";
import { Today } from "@/components/tasks/today";
import { signOutAction } from "@/server/auth/actions";
import { auth } from "@/server/auth/config";
import { modes } from "@/server/env";

export const dynamic = "force-dynamic";

export default async function TodayPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return <Today userName={session.user.name ?? "there"} coachMode={modes.ai} signOut={signOutAction} />;
}
