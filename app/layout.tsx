// The root layout: metadata, global styles, the tRPC provider and, once signed in, the main nav.
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PointsBadge } from "@/components/rewards/points-badge";
import { TRPCReactProvider } from "@/components/trpc/client";
import { auth } from "@/server/auth/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "FocusForge",
  description: "A calm AI coach that turns what's on your mind into tiny steps you can actually start.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const navLink = "rounded-md px-2 py-1 text-[var(--muted)] hover:text-[var(--ink)]";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signedIn = Boolean((await auth())?.user?.id);
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <TRPCReactProvider>
          {signedIn ? (
            <nav aria-label="Main" className="mx-auto flex max-w-2xl flex-wrap items-center gap-2 px-4 pt-3 text-sm">
              <Link href="/" className={navLink}>
                Today
              </Link>
              <Link href="/planner" className={navLink} data-testid="nav-planner">
                Planner
              </Link>
              <Link href="/memory" className={navLink} data-testid="nav-memory">
                Memory
              </Link>
              <Link href="/settings" className={navLink} data-testid="nav-settings">
                Settings
              </Link>
              <PointsBadge />
            </nav>
          ) : null}
          {children}
        </TRPCReactProvider>
      </body>
    </html>
  );
}
