// Wall clock ↔ instant conversions, including the days a DST change makes 23 or 25 hours long.
import { describe, expect, it } from "vitest";
import { addDays, canonicalTimeZone, dayBounds, formatDuration, localDay, localMinute, offsetMinutes, zonedInstant } from "./time";

const iso = (t: number) => new Date(t).toISOString();

describe("zonedInstant", () => {
  it("maps a wall time to the right instant on both sides of a DST change", () => {
    expect(iso(zonedInstant("2026-03-07", 9 * 60, "America/New_York"))).toBe("2026-03-07T14:00:00.000Z");
    expect(iso(zonedInstant("2026-03-08", 9 * 60, "America/New_York"))).toBe("2026-03-08T13:00:00.000Z");
    expect(iso(zonedInstant("2026-11-23", 9 * 60, "Europe/Berlin"))).toBe("2026-11-23T08:00:00.000Z");
    expect(iso(zonedInstant("2026-11-23", 9 * 60 + 30, "Asia/Kolkata"))).toBe("2026-11-23T04:00:00.000Z");
  });

  it("moves a skipped wall time forward and takes the first of a repeated one", () => {
    // 02:30 does not exist in New York on 8 March 2026: it lands at 03:30 EDT.
    expect(iso(zonedInstant("2026-03-08", 2 * 60 + 30, "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    // 01:30 happens twice on 1 November 2026: the first one is still EDT.
    expect(iso(zonedInstant("2026-11-01", 60 + 30, "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("treats minute 1440 as the next midnight", () => {
    expect(iso(zonedInstant("2026-11-23", 1440, "Europe/Berlin"))).toBe("2026-11-23T23:00:00.000Z");
  });
});

describe("days", () => {
  it("knows a DST day is 23 or 25 hours long", () => {
    const spring = dayBounds("2026-03-08", "America/New_York");
    const fall = dayBounds("2026-11-01", "America/New_York");
    expect((spring.end - spring.start) / 3_600_000).toBe(23);
    expect((fall.end - fall.start) / 3_600_000).toBe(25);
  });

  it("reads the local day and minute of an instant", () => {
    const t = Date.parse("2026-11-23T23:30:00Z");
    expect(localDay(t, "Europe/Berlin")).toBe("2026-11-24");
    expect(localDay(t, "America/Los_Angeles")).toBe("2026-11-23");
    expect(localMinute(t, "Europe/Berlin")).toBe(30);
    expect(offsetMinutes(t, "Asia/Kathmandu")).toBe(345);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("accepts real IANA zones only", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });

  it("says durations the way people do", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(135)).toBe("2 h 15 min");
  });
});
