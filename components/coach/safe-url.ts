// Which links a coach message may carry: http(s) and mailto only. Anything else (javascript:, data:,
// relative paths a model made up) renders as plain text.
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
