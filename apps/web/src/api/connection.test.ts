import { afterEach, describe, expect, it, vi } from "vitest";
import { backoff, createConnection } from "./connection.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("connection state", () => {
  it("backs off 1, 2, 4, 8 s and stays at 10 s", () => {
    expect([0, 1, 2, 3, 4, 9].map(backoff)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("probes on a schedule while unreachable and bumps epoch once it answers", async () => {
    vi.useFakeTimers();
    let up = false;
    const probes: number[] = [];
    const conn = createConnection({
      probe: async () => {
        probes.push(Date.now());
        return up;
      },
      delayMs: () => 100,
    });
    const seen: boolean[] = [];
    conn.subscribe(() => seen.push(conn.get().reachable));

    conn.report(false);
    expect(conn.get()).toMatchObject({ reachable: false, epoch: 0 });
    await vi.advanceTimersByTimeAsync(250);
    expect(probes.length).toBe(2);
    expect(conn.get().reachable).toBe(false);

    up = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(conn.get()).toMatchObject({ reachable: true, epoch: 1, nextRetryAt: null });
    const after = probes.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(probes.length).toBe(after); // no probing once it is back
    expect(seen.at(-1)).toBe(true);
  });

  it("a successful request ends the outage without waiting for the probe", () => {
    vi.useFakeTimers();
    const conn = createConnection({ probe: async () => false, delayMs: () => 10_000 });
    conn.report(false);
    conn.report(true);
    expect(conn.get()).toMatchObject({ reachable: true, epoch: 1 });
    conn.report(true);
    expect(conn.get().epoch).toBe(1); // only an outage's end counts
  });

  it("retry() probes at once, and a failed probe keeps the banner with a new schedule", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const conn = createConnection({
      probe: async () => {
        calls++;
        return false;
      },
      delayMs: () => 5000,
    });
    conn.report(false);
    await conn.retry();
    expect(calls).toBe(1);
    expect(conn.get().reachable).toBe(false);
    expect(conn.get().nextRetryAt).toBe(Date.now() + 5000);
    conn.stop();
  });
});
