// The root layout: metadata, install manifest and icons, the theme applied before first paint, a
// skip link, the tRPC provider and, once signed in, the header (main nav, theme, points).
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { PointsBadge } from "@/components/rewards/points-badge";
import { TRPCReactProvider } from "@/components/trpc/client";
import { MainNav } from "@/components/ui/main-nav";
import { themeInitScript } from "@/components/ui/theme";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { auth } from "@/server/auth/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "FocusForge",
  description: "A calm AI coach that turns what's on your mind into tiny steps you can actually start.",
  applicationName: "FocusForge",
  appleWebApp: { capable: true, title: "FocusForge", statusBarStyle: "default" },
  icons: { apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180", type: "image/png" }] },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f6f2" },
    { media: "(prefers-color-scheme: dark)", color: "#15181c" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signedIn = Boolean((await auth())?.user?.id);
  return (
    // The theme script sets data-theme on <html> before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant from our own code (components/ui/theme.ts), never user or model content. */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-screen antialiased">
        <a
          href="#main-content"
          className="sr-only rounded-md bg-[var(--panel)] px-3 py-2 text-sm font-medium text-[var(--ink)] focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 focus:shadow-lg"
          data-testid="skip-link"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          {signedIn ? (
            <header className="mx-auto max-w-2xl px-4 pt-3 text-sm">
              <MainNav>
                <ThemeToggle />
                <PointsBadge />
              </MainNav>
            </header>
          ) : (
            <div className="mx-auto flex max-w-md justify-end px-4 pt-3">
              <ThemeToggle />
            </div>
          )}
          <div id="main-content" tabIndex={-1}>
            {children}
          </div>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
