// The web app manifest (served at /manifest.webmanifest): makes FocusForge installable on phones and
// desktops. Icons are drawn by scripts/make-icons.mjs; colours are the light palette in globals.css.
import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "FocusForge",
    short_name: "FocusForge",
    description: "A calm AI coach that turns what's on your mind into tiny steps you can actually start.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#f7f6f2",
    theme_color: "#3d6b57",
    categories: ["productivity", "lifestyle"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
