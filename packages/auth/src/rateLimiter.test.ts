import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rateLimiter.js";

describe("createRateLimiter", () => {
  it("allows `limit` per window per key, then says how long to wait, and resets after the window", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => new Date(now) });
    expect([1, 2, 3].map(() => limiter.take("10.0.0.1").ok)).toEqual([true, true, true]);
    expect(limiter.take("10.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.take("10.0.0.2").ok).toBe(true);
    now += 45_500;
    expect(limiter.take("10.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect(limiter.take("10.0.0.1").ok).toBe(true);
  });

  it("peek tells whether the next attempt would pass without counting one", () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => new Date(now) });
    expect(limiter.peek("a").ok).toBe(true);
    expect(limiter.peek("a").ok).toBe(true);
    limiter.take("a");
    expect(limiter.peek("a").ok).toBe(true);
    limiter.take("a");
    expect(limiter.peek("a")).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 60_000;
    expect(limiter.peek("a").ok).toBe(true);
  });
});
