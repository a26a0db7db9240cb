// The signed-in user for a request, from the Auth.js JWT (no database round trip).
import "server-only";
import { redirect } from "next/navigation";
import type { SessionUser } from "./types";
import { auth } from "./config";

export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  return user?.id ? { id: user.id, email: user.email, name: user.name } : null;
}

/** For a page: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await sessionUser();
  if (!user) redirect("/sign-in");
  return user;
}
