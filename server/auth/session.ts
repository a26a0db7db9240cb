// The signed-in user for a request, from the Auth.js JWT (no database round trip).
import "server-only";
import type { SessionUser } from "./types";
import { auth } from "./config";

export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  return user?.id ? { id: user.id, email: user.email, name: user.name } : null;
}
