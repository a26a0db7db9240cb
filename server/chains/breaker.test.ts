// The circuit breaker on its own: closed → open after 5 consecutive failures → half-open after 60 s
// with exactly one trial → closed on success or open again on failure; an injected clock moves time.
import { describe, expect, it } from "vitest";
import { breakerFor, CircuitBreaker, resetBreakers } from "./breaker";

function setup() {
  let now = 1_000_000;
  const breaker = new CircuitBreaker({ now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

function fail(breaker: CircuitBreaker, times: number) {
  for (let i = 0; i < times; i++) {
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
  }
}

describe("CircuitBreaker", () => {
  it("stays closed through 4 failures and opens on the 5th in a row", () => {
    const { breaker } = setup();
    fail(breaker, 4);
    expect(breaker.state).toBe("closed");
    fail(breaker, 1);
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
  });

  it("counts only consecutive failures: a success in between starts again", () => {
    const { breaker } = setup();
    fail(breaker, 4);
    breaker.tryAcquire();
    breaker.recordSuccess();
    fail(breaker, 4);
    expect(breaker.state).toBe("closed");
  });

  it("half-opens after 60 s and lets exactly one trial call through", () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(59_999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.state).toBe("half-open");
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false); // a second caller waits for the trial's verdict
  });

  it("closes when the trial succeeds", () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(60_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe("closed");
    fail(breaker, 4);
    expect(breaker.state).toBe("closed");
  });

  it("opens for another 60 s when the trial fails", () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(60_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe("open");
    advance(59_000);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("lets another trial through when the trial caller gave up without a verdict", () => {
    const { breaker, advance } = setup();
    fail(breaker, 5);
    advance(60_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("keeps one breaker per provider", () => {
    let now = 0;
    resetBreakers(() => now);
    for (let i = 0; i < 5; i++) breakerFor("openai").recordFailure();
    expect(breakerFor("openai").state).toBe("open");
    expect(breakerFor("test").state).toBe("closed");
    now += 60_000;
    expect(breakerFor("openai").state).toBe("half-open");
    resetBreakers();
    expect(breakerFor("openai").state).toBe("closed");
  });
});
