/**
 * @module Live updates over /api/ws: parses the versioned server frames and hands brain events to
 * subscribers. When the socket can't open (an older gateway without /api/ws, or a restart) it
 * retries with backoff and the pages simply work without live updates.
 */
import { type BrainEvent, WsServerFrame } from "@mosaic/contracts";
import { backoff } from "./connection.js";

export type LiveListener = (event: BrainEvent) => void;

/** A brain event from one text frame; null for anything else (responses, other versions, garbage). */
export function eventOf(data: unknown): BrainEvent | null {
  if (typeof data !== "string") return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const frame = WsServerFrame.safeParse(json);
  return frame.success && frame.data.type === "event" ? frame.data.event : null;
}

/** Listeners by event-name prefix (`"project."` hears project.created/updated/deleted). */
export function createLiveHub() {
  const listeners = new Set<{ prefix: string; listener: LiveListener }>();
  return {
    on(prefix: string, listener: LiveListener) {
      const entry = { prefix, listener };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    dispatch(event: BrainEvent) {
      for (const { prefix, listener } of listeners) if (event.name.startsWith(prefix)) listener(event);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;

/** Keeps one socket open while signed in; returns a function that closes it for good. */
export function connectLive(hub: LiveHub, url: string): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const open = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
    };
    socket.onmessage = (message) => {
      const event = eventOf(message.data);
      if (event) hub.dispatch(event);
    };
    socket.onclose = () => {
      if (closed) return;
      // Retries stay slow (≤ 10 s) so a gateway without /api/ws sees a trickle, not a storm.
      timer = setTimeout(open, backoff(attempt++));
    };
  };
  open();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    socket?.close();
  };
}

/** ws:// or wss:// URL of /api/ws on the page's own origin. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/ws`;
}
