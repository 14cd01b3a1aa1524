/** @module A fixed-window rate limiter per key (a source address, an email), in memory, with an injectable clock. */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Beyond this many tracked keys, expired windows are dropped first, so memory stays bounded. */
const MAX_KEYS = 10_000;

/**
 * Allows `limit` attempts per key per `windowMs`. In memory on purpose: it guards rare actions
 * (enrollment, failed sign-ins) where a per-process limit is enough to stop guessing; a restart
 * resets it. `take` counts an attempt; `peek` asks without counting (to count failures only).
 */
export function createRateLimiter(props: { limit: number; windowMs: number; now: () => Date }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    peek(key: string): RateDecision {
      const now = props.now().getTime();
      const window = windows.get(key);
      if (!window || now - window.start >= props.windowMs || window.count < props.limit) return { ok: true };
      return { ok: false, retryAfterSeconds: retryAfter(window, now) };
    },
    take(key: string): RateDecision {
      const now = props.now().getTime();
      let window = windows.get(key);
      if (!window || now - window.start >= props.windowMs) {
        if (!window && windows.size >= MAX_KEYS) prune(now);
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= props.limit) return { ok: true };
      return { ok: false, retryAfterSeconds: retryAfter(window, now) };
    },
  };

  function retryAfter(window: { start: number }, now: number): number {
    return Math.max(1, Math.ceil((window.start + props.windowMs - now) / 1000));
  }

  function prune(now: number): void {
    for (const [key, window] of windows) if (now - window.start >= props.windowMs) windows.delete(key);
    // Still full (a flood of fresh addresses): forget the oldest entries rather than grow.
    for (const key of windows.keys()) {
      if (windows.size < MAX_KEYS) break;
      windows.delete(key);
    }
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
