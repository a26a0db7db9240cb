// "What the coach remembers": see, search and forget the signed-in user's memories.
import type { Metadata } from "next";
import { MemoryView } from "@/components/memory/memory-view";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "What the coach remembers · FocusForge" };

export default async function MemoryPage() {
  await requireUser();
  return <MemoryView />;
}
