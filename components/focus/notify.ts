// Browser notifications for the focus timer: only when the user allowed them (asked on a click,
// never on load), and silently skipped where the browser has none.

export type NotifyPermission = "default" | "granted" | "denied" | "unsupported";

export function notificationPermission(): NotifyPermission {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  return Notification.permission;
}

/** Asks for permission; call it only from a user's click. */
export async function askNotificationPermission(): Promise<NotifyPermission> {
  if (notificationPermission() === "unsupported") return "unsupported";
  return Notification.requestPermission();
}

export function notify(title: string, body: string): void {
  if (notificationPermission() !== "granted") return;
  try {
    new Notification(title, { body, tag: "focusforge-focus" });
  } catch {
    // Some mobile browsers only notify through a service worker; the in-page message still shows.
  }
}
