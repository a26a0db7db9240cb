// Auth.js endpoints (sign-in, callback, session, sign-out) at /api/auth/*.
import { handlers } from "@/server/auth/config";

export const { GET, POST } = handlers;
