// "What the coach remembers": see, search and forget the signed-in user's memories.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MemoryView } from "@/components/memory/memory-view";
import { auth } from "@/server/auth/config";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "What the coach remembers · FocusForge" };

export default async function MemoryPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  return <MemoryView />;
}
