// Today: the signed-in home — quick add, the task list, steps, break down, complete.
import { Today } from "@/components/tasks/today";
import { signOutAction } from "@/server/auth/actions";
import { requireUser } from "@/server/auth/session";
import { modes } from "@/server/env";

export const dynamic = "force-dynamic";

export default async function TodayPage() {
  const user = await requireUser();
  return (
    <main>
      <Today userName={user.name ?? "there"} coachMode={modes.ai} signOut={signOutAction} />
    </main>
  );
}
