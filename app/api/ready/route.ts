// Readiness: 200 once the database answers and every migration is applied, else 503 naming the check.
import { readiness } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.status === "ready" ? 200 : 503 });
}
