// The memory page's words for ages, expiry, relevance and kinds.
import { describe, expect, it } from "vitest";
import { expiresIn, kindLabel, relevance, timeAgo } from "./format";

const now = new Date("2026-11-23T12:00:00Z");
const minus = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

describe("memory page words", () => {
  it("says how long ago", () => {
    expect(timeAgo(minus(20_000), now)).toBe("just now");
    expect(timeAgo(minus(12 * MIN), now)).toBe("12 min ago");
    expect(timeAgo(minus(3 * 60 * MIN + 5 * MIN), now)).toBe("3 h ago");
    expect(timeAgo(minus(30 * 60 * MIN), now)).toBe("yesterday");
    expect(timeAgo(minus(5 * 24 * 60 * MIN), now)).toBe("5 days ago");
    expect(timeAgo(minus(40 * 24 * 60 * MIN), now)).toMatch(/Oct/);
  });

  it("says when a memory expires, or nothing for long-term ones", () => {
    expect(expiresIn(null, now)).toBeNull();
    expect(expiresIn(new Date(now.getTime() + 47 * MIN - 1000), now)).toBe("expires in 47 min");
    expect(expiresIn(new Date(now.getTime() + 20_000), now)).toBe("expires in 1 min");
    expect(expiresIn(new Date(now.getTime() + 5 * 60 * MIN), now)).toBe("expires in 5 h");
    expect(expiresIn(minus(1), now)).toBe("expiring now");
  });

  it("turns a distance into a relevance hint", () => {
    expect(relevance(0.1)).toEqual({ label: "Close match", level: 3 });
    expect(relevance(0.6).label).toBe("Related");
    expect(relevance(1.2).label).toBe("Loosely related");
  });

  it("names kinds in words", () => {
    expect(kindLabel("task.completed")).toBe("Task done");
    expect(kindLabel("focus.started")).toBe("Focus started");
  });
});
