/** @module The dashboard shell: shows whether the gateway and its services are ready. */
import { ReadyResponse } from "@mosaic/contracts";
import { useEffect, useState } from "react";

type State = { kind: "loading" } | { kind: "ready"; ready: ReadyResponse } | { kind: "error"; message: string };

export function App() {
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const res = await fetch("/ready");
        const ready = ReadyResponse.parse(await res.json());
        if (!cancelled) setState({ kind: "ready", ready });
      } catch (err) {
        if (!cancelled) setState({ kind: "error", message: `cannot reach the gateway (${(err as Error).message})` });
      }
    };
    void load();
    const timer = setInterval(load, 5_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <main className="shell">
      <h1>Mosaic</h1>
      {state.kind === "loading" && <p aria-busy="true">Checking the gateway…</p>}
      {state.kind === "error" && (
        <p role="alert" className="error">
          {state.message} — retrying every 5 s.
        </p>
      )}
      {state.kind === "ready" && (
        <section aria-label="gateway status">
          <p>
            Tier <strong>{state.ready.tier}</strong> — {state.ready.status === "ready" ? "ready" : "not ready"}
          </p>
          <ul>
            {state.ready.services.map((s) => (
              <li key={s.service}>
                {s.service}: {s.status} {s.latencyMs === null ? "" : `(${s.latencyMs} ms)`} — {s.detail}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
