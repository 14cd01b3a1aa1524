/** @module A fixed-window rate limiter per key (source address), in memory, with an injectable clock. */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Beyond this many tracked keys, expired windows are dropped first, so memory stays bounded. */
const MAX_KEYS = 10_000;

/**
 * Allows `limit` attempts per key per `windowMs`. In memory on purpose: enrollment is rare and
 * per-process limits are enough to stop guessing (tokens have 256 bits anyway); a restart resets it.
 */
export function createRateLimiter(props: { limit: number; windowMs: number; now: () => Date }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
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
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + props.windowMs - now) / 1000)) };
    },
  };

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
