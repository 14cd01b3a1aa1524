/** @module Wires the dashboard's services once: HTTP client → connection state, session-lost signal, live hub. */
import { createClient } from "./api/client.js";
import { createConnection } from "./api/connection.js";
import { endpoints } from "./api/endpoints.js";
import { createLiveHub } from "./api/live.js";
import type { AppServices } from "./context.js";

export interface WiredServices extends AppServices {
  /** Subscribes to "a request got 401 where a session was expected"; returns the unsubscribe. */
  onSessionLost(listener: () => void): () => void;
}

export function createServices(): WiredServices {
  const lost = new Set<() => void>();
  const connection = createConnection({
    // /health answers as soon as the process listens, before the database is checked.
    probe: () =>
      fetch("/health", { cache: "no-store" }).then(
        (r) => r.ok,
        () => false,
      ),
  });
  const client = createClient({
    onReachable: (reachable) => connection.report(reachable),
    onSessionLost: () => {
      for (const l of lost) l();
    },
  });
  return {
    api: endpoints(client),
    connection,
    live: createLiveHub(),
    onSessionLost(listener) {
      lost.add(listener);
      return () => lost.delete(listener);
    },
  };
}
