/** @module The banner shown while the gateway is unreachable: a countdown to the next retry and "Retry now". */
import { useEffect, useState } from "react";
import { useConnection, useServices } from "../context.js";

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function ConnectionBanner() {
  const { connection } = useServices();
  const state = useConnection();
  const seconds = useSecondsUntil(state.reachable ? null : state.nextRetryAt);
  if (state.reachable) return null;
  return (
    <div className="banner" role="alert">
      <span>
        Lost contact with the gateway — it may be restarting.{" "}
        {seconds !== null && seconds > 0 ? `Retrying in ${seconds} s.` : "Retrying…"} What you see may be out of date.
      </span>
      <button type="button" className="secondary" onClick={() => void connection.retry()}>
        Retry now
      </button>
    </div>
  );
}
