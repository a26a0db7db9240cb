"use client";
// "Notify me when time is up": asks for browser notifications on the user's click, never on load,
// and says plainly when they are on, blocked, or not available here.
import { useState, useSyncExternalStore } from "react";
import { Button } from "../ui/button";
import { askNotificationPermission, notificationPermission, type NotifyPermission } from "./notify";

const subscribe = () => () => {};

export function NotifyButton() {
  // The permission only exists in the browser; the server renders nothing for it.
  const initial = useSyncExternalStore(subscribe, notificationPermission, () => "unsupported" as NotifyPermission);
  const [asked, setAsked] = useState<NotifyPermission | null>(null);
  const permission = asked ?? initial;
  if (permission === "unsupported") return null;
  if (permission === "granted") {
    return (
      <p className="text-sm text-[var(--muted)]" data-testid="focus-notify-on">
        Notifications are on: you’ll hear from us when focus or the break ends.
      </p>
    );
  }
  if (permission === "denied") {
    return (
      <p className="text-sm text-[var(--muted)]">Notifications are blocked in this browser; this page will still tell you when time is up.</p>
    );
  }
  return (
    <Button variant="quiet" className="self-start" onClick={() => void askNotificationPermission().then(setAsked)} data-testid="focus-notify">
      Notify me when time is up
    </Button>
  );
}
