// Circuit breaker per model provider: after 5 consecutive failures the provider is skipped (the
// offline coach answers at once instead of every user waiting for a timeout); after 60 s one trial
// call is let through (half-open); its success closes the breaker, its failure opens it again.
//
// Why the state lives in process memory (and not in Redis or the database): the breaker protects
// this process's latency from a provider that is failing right now, and it holds no per-user data.
// Each server instance learns about an outage by itself within 5 calls and probes once per 60 s, so
// N instances cost at most 5·N failed calls per outage plus N probes a minute — bounded and harmless —
// while a shared store would add a network round trip (and a new failure mode) to every AI call.
import "server-only";

export const BREAKER_FAILURE_THRESHOLD = 5;
export const BREAKER_COOLDOWN_MS = 60_000;

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  /** Clock in ms; tests inject one to move time forward. */
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    this.threshold = opts.failureThreshold ?? BREAKER_FAILURE_THRESHOLD;
    this.cooldownMs = opts.cooldownMs ?? BREAKER_COOLDOWN_MS;
    this.now = opts.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /**
   * Asks to call the provider. True when closed, or when half-open and no trial is running (this
   * caller becomes the trial); false while open. A caller that got true must report success or failure.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.trialInFlight = false;
    if (this.openedAt !== null) {
      // A failed trial (or a late failure of a call started before opening): wait another cooldown.
      this.openedAt = this.now();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }

  /** A call that was let through but ended without an answer about the provider (the user aborted). */
  release(): void {
    this.trialInFlight = false;
  }
}

let clock: () => number = Date.now;
const breakers = new Map<string | object, CircuitBreaker>();

/** The breaker for one provider (e.g. "openai"), created on first use. */
export function breakerFor(provider: string | object): CircuitBreaker {
  let breaker = breakers.get(provider);
  if (!breaker) {
    breaker = new CircuitBreaker({ now: () => clock() });
    breakers.set(provider, breaker);
  }
  return breaker;
}

/** Forgets every breaker's state and sets the clock they read (tests; default Date.now). */
export function resetBreakers(now: () => number = Date.now): void {
  breakers.clear();
  clock = now;
}
