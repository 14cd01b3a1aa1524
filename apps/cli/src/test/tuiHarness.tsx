/** @module Test harness for the TUI: the whole App over real HTTP and WebSocket to a stand-in gateway, keys in, frames out. */
import { render } from "ink-testing-library";
import { expect, vi } from "vitest";
import { GatewayClient } from "../client.js";
import { App } from "../tui/App.js";
import { tuiApi } from "../tui/api.js";
import { openLiveFeed } from "../tui/live.js";

export const KEY = {
  up: "\u001B[A",
  down: "\u001B[B",
  right: "\u001B[C",
  left: "\u001B[D",
  enter: "\r",
  esc: "\u001B",
  tab: "\t",
  pageDown: "\u001B[6~",
  backspace: "\u007F",
};

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface MountedTui {
  view: ReturnType<typeof render>;
  screen(): string;
  see(text: string | RegExp, timeout?: number): Promise<void>;
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  /** Resizes the terminal as SIGWINCH does: new columns/rows on stdout, then `resize`. */
  resize(width: number, height: number): void;
}

export function mountTui(
  url: string,
  options: { projectId?: string; width?: number; height?: number } = {},
): MountedTui {
  const client = new GatewayClient({ url, token: "mos_test", timeoutMs: 5_000 });
  const view = render(
    <App
      api={tuiApi(client)}
      connectLive={(h) => openLiveFeed({ url, token: "mos_test", initialDelayMs: 50, maxDelayMs: 200, ...h })}
      gatewayUrl={url}
      user="ada@example.com"
      initialProjectId={options.projectId}
      width={options.width ?? 80}
      height={options.height ?? 24}
    />,
  );
  const screen = () => view.lastFrame() ?? "";
  const press = async (key: string) => {
    // Ink re-subscribes the key handler in an effect after each render: a key written the moment a
    // frame appears could reach the previous render's handler, which a person typing never does.
    await pause(80);
    view.stdin.write(key);
    await pause(30);
  };
  return {
    view,
    screen,
    see: (text, timeout = 5_000) =>
      vi.waitFor(() => expect(screen()).toMatch(typeof text === "string" ? new RegExp(escapeRegExp(text)) : text), {
        timeout,
      }),
    press,
    async type(text) {
      for (const c of text) await press(c);
    },
    resize(width, height) {
      Object.defineProperty(view.stdout, "columns", { value: width, configurable: true });
      Object.defineProperty(view.stdout, "rows", { value: height, configurable: true });
      view.stdout.emit("resize");
    },
  };
}

/** Every line of the frame fits `width`, and there are no more than `height` lines. */
export function expectFits(frame: string, width: number, height: number): void {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
}
