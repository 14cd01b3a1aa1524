/**
 * @module Whether the gateway is reachable, and the retry loop that notices it came back. Pages keep
 * what they showed while it is away (no blank screen on a restart) and reload when `epoch` moves.
 */

export interface ConnectionState {
  reachable: boolean;
  /** Bumped each time the gateway comes back: data loaded before may be stale. */
  epoch: number;
  /** When the next automatic probe runs (ms since epoch), while unreachable. */
  nextRetryAt: number | null;
}

export interface ConnectionOptions {
  /** Resolves true when the gateway answers (e.g. GET /health → 200). */
  probe: () => Promise<boolean>;
  /** Delay before retry n (0-based); defaults to 1 s, 2 s, 4 s… capped at 10 s. */
  delayMs?: (attempt: number) => number;
}

export const backoff = (attempt: number): number => Math.min(10_000, 1000 * 2 ** attempt);

export function createConnection(options: ConnectionOptions) {
  const delayMs = options.delayMs ?? backoff;
  let state: ConnectionState = { reachable: true, epoch: 0, nextRetryAt: null };
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const set = (next: ConnectionState) => {
    state = next;
    for (const l of listeners) l();
  };

  function schedule() {
    if (timer) clearTimeout(timer);
    const wait = delayMs(attempt++);
    set({ ...state, nextRetryAt: Date.now() + wait });
    timer = setTimeout(() => void probeNow(), wait);
  }

  async function probeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const ok = await options.probe().catch(() => false);
    if (ok) report(true);
    else if (!state.reachable) schedule();
  }

  /** Called by the HTTP client after every request: did the gateway answer? */
  function report(reachable: boolean) {
    if (reachable === state.reachable) return;
    if (reachable) {
      if (timer) clearTimeout(timer);
      timer = null;
      attempt = 0;
      set({ reachable: true, epoch: state.epoch + 1, nextRetryAt: null });
    } else {
      set({ ...state, reachable: false });
      schedule();
    }
  }

  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    report,
    /** "Retry now" in the banner. */
    retry: () => probeNow(),
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
