/** @module E2E helper: a private tmux server (-L) to run a program in a real terminal and read its screen. */
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";

export interface Tmux {
  available: boolean;
  run(...args: string[]): string;
  /** Polls capture-pane of `session` until `pattern` shows up (or throws with the last screen). */
  waitForScreen(
    session: string,
    pattern: RegExp,
    options?: { timeoutMs?: number; intervalMs?: number },
  ): Promise<string>;
  killServer(): void;
}

/**
 * A tmux of our own: the tests never touch anyone else's sessions. Prints a one-line skip notice
 * when tmux is missing; with `requiredInCi`, a missing tmux fails the run in CI instead.
 */
export function privateTmux(what: string, options: { requiredInCi?: boolean } = {}): Tmux {
  const available = spawnSync("tmux", ["-V"]).status === 0;
  if (!available && options.requiredInCi && process.env.CI) throw new Error(`tmux is required for the ${what} in CI`);
  if (!available) process.stderr.write(`[skip] ${what}: tmux is not installed\n`);
  const socket = `mosaic-test-${randomUUID().slice(0, 8)}`;
  const run = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args]).toString();
  return {
    available,
    run,
    async waitForScreen(session, pattern, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let screen = "";
      while (Date.now() < deadline) {
        screen = run("capture-pane", "-p", "-t", session);
        if (pattern.test(screen)) return screen;
        await new Promise((r) => setTimeout(r, intervalMs));
      }
      throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen}`);
    },
    killServer() {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
    },
  };
}
