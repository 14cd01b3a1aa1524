/** @module The TUI's live feed: /api/ws with a bearer token, frames checked against the contracts, reconnecting with backoff. */
import { type BrainEvent, WsServerFrame } from "@mosaic/contracts";
import WebSocket from "ws";

export type LiveState = "connecting" | "live" | "reconnecting";

export interface LiveFeedOptions {
  /** The gateway's http(s) URL; the feed connects to its ws(s) twin. */
  url: string;
  token: string;
  onEvent(event: BrainEvent): void;
  onState(state: LiveState): void;
  /** Called after a reconnect: events sent while the socket was down are lost, so the caller re-reads. */
  onResync(): void;
  /** First retry delay; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface LiveFeed {
  close(): void;
  /** Retry now instead of waiting for the backoff (the banner's `r`). */
  retryNow(): void;
}

export function wsUrlOf(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, "ws")}/api/ws`;
}

export function openLiveFeed(options: LiveFeedOptions): LiveFeed {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  let delay = initial;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let everConnected = false;

  const connect = () => {
    timer = undefined;
    if (closed) return;
    // The token goes in a header, never the URL: URLs end up in proxy and access logs.
    const ws = new WebSocket(wsUrlOf(options.url), { headers: { authorization: `Bearer ${options.token}` } });
    socket = ws;
    ws.on("open", () => {
      delay = initial;
      options.onState("live");
      if (everConnected) options.onResync();
      everConnected = true;
    });
    ws.on("message", (raw) => {
      let frame: WsServerFrame;
      try {
        frame = WsServerFrame.parse(JSON.parse(raw.toString()));
      } catch {
        return; // a frame from a newer gateway: ignore it rather than crash the screen
      }
      if (frame.type === "event") options.onEvent(frame.event);
    });
    // `error` always precedes `close`; the close handler decides what happens next.
    ws.on("error", () => {});
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      ws.terminate();
    });
    ws.on("close", () => {
      if (closed || socket !== ws) return;
      options.onState("reconnecting");
      timer = setTimeout(connect, delay);
      delay = Math.min(max, delay * 2);
    });
  };

  options.onState("connecting");
  connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.terminate();
    },
    retryNow() {
      if (closed || socket?.readyState === WebSocket.OPEN) return;
      if (timer) clearTimeout(timer);
      delay = initial;
      socket?.removeAllListeners("close");
      socket?.terminate();
      connect();
    },
  };
}
