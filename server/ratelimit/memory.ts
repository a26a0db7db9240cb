// In-process sliding-window counter: the rate-limit store without Redis, and the fallback during an outage.
//
// @upstash/ratelimit has no real in-memory store (its `ephemeralCache` only remembers blocked identifiers
// in front of Redis), so this re-implements its `slidingWindow` algorithm exactly (same Lua logic, same
// result fields), so that memory and Redis modes behave identically: counts are kept per fixed window, and
// the previous window's count is weighted by how much of it still overlaps the sliding window.
// State lives in this process only: with several server processes each one counts on its own.
import "server-only";

export interface WindowResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Unix ms at which the current fixed window ends (what @upstash/ratelimit calls `reset`). */
  reset: number;
}

interface Entry {
  window: number;
  current: number;
  previous: number;
  /** After this (two windows on) the entry carries no information any more. */
  expiresAt: number;
}

const SWEEP_EVERY = 1_000;
const DEFAULT_MAX_ENTRIES = 100_000;

export class MemorySlidingWindow {
  private readonly entries = new Map<string, Entry>();
  private operations = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  limit(key: string, limit: number, windowMs: number, now = Date.now()): WindowResult {
    this.housekeeping(now);
    const window = Math.floor(now / windowMs);
    const reset = (window + 1) * windowMs;

    const stored = this.entries.get(key);
    let entry: Entry;
    if (stored && stored.window === window) entry = stored;
    else if (stored?.window === window - 1) entry = { window, current: 0, previous: stored.current, expiresAt: 0 };
    else entry = { window, current: 0, previous: 0, expiresAt: 0 };
    entry.expiresAt = (window + 2) * windowMs;

    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * entry.previous);
    let result: WindowResult;
    if (weightedPrevious + entry.current >= limit) {
      result = { success: false, limit, remaining: 0, reset };
    } else {
      entry.current += 1;
      result = { success: true, limit, remaining: Math.max(0, limit - (entry.current + weightedPrevious)), reset };
    }
    // Re-insert so that Map order is least-recently-used first (used for eviction).
    this.entries.delete(key);
    this.entries.set(key, entry);
    return result;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private housekeeping(now: number): void {
    this.operations += 1;
    if (this.operations % SWEEP_EVERY !== 0 && this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    // Still full (e.g. a flood of distinct keys): forget the least recently used tenth, so the next
    // sweep is again many operations away.
    if (this.entries.size < this.maxEntries) return;
    const target = Math.floor(this.maxEntries * 0.9);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(key);
    }
  }
}
