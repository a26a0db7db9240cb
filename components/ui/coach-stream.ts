// Shared by the pages that stream a chain (capture, breakdown): who answered, and errors in words.

/** Who answered a streamed chain, from the route's `x-coach-*` headers. */
export interface CoachInfo {
  provider: string;
  fallback: boolean;
}

/** The stream routes answer errors as JSON `{ code, message }`; useObject hands us its text. */
export function streamErrorMessage(error: Error | undefined, cutShort: string): string | null {
  if (!error) return null;
  try {
    const body = JSON.parse(error.message) as { message?: unknown };
    if (typeof body.message === "string") return body.message;
  } catch {
    // Not JSON: a network failure or a stream cut short.
  }
  return /fetch|network/i.test(error.message) ? "Couldn't reach FocusForge. Check your connection and try again." : cutShort;
}
