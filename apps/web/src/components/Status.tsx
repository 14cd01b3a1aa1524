/** @module Visible loading, error and empty states, so no page is ever blank while it waits or fails. */
import type { ReactNode } from "react";
import { ApiError, describeError } from "../api/errors.js";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** An error for the person to read; unreachable-gateway errors defer to the banner (it says the same). */
export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  if (!error) return null;
  const offline = error instanceof ApiError && error.unreachable;
  return (
    <div className={offline ? "notice" : "notice error"} role="alert">
      <p>{describeError(error)}</p>
      {retry && !offline && (
        <button type="button" className="secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Loading first, then the error (with a retry), then the content. */
export function LoadState<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
}) {
  if (state.data !== undefined) {
    return (
      <>
        {state.error ? <ErrorNotice error={state.error} retry={state.reload} /> : null}
        {children(state.data)}
      </>
    );
  }
  if (state.error) return <ErrorNotice error={state.error} retry={state.reload} />;
  return <Loading />;
}
