/** @module Data hooks: load with visible loading/error states, reload when the gateway comes back; run actions. */
import type { BrainEvent } from "@mosaic/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api/errors.js";
import { useConnection, useServices } from "./context.js";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the data after a change the page made itself (no refetch needed). */
  setData(update: (old: T | undefined) => T | undefined): void;
}

/**
 * Loads `load()` whenever `key` changes, and again when the gateway comes back after an outage.
 * Keeps the last data on a failed reload, so a restart shows a banner over content, not a blank page.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const { epoch } = useConnection();
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key, epoch and nonce are the reload triggers by design
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => !cancelled && setState({ data, error: undefined, loading: false }),
      (error: unknown) => !cancelled && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, [key, epoch, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback(
    (update: (old: T | undefined) => T | undefined) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  return { ...state, reload, setData };
}

export interface Action {
  pending: boolean;
  error: ApiError | Error | null;
  /** Server-side field errors of the last failure (field → message). */
  fields: Readonly<Record<string, string>>;
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** Runs a mutation with pending and error state; resolves undefined when it failed (the error is kept). */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const run = useCallback(async <T>(fn: () => Promise<T>) => {
    setPending(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return {
    pending,
    error,
    fields: error instanceof ApiError ? error.fields : {},
    run,
    clear: useCallback(() => setError(null), []),
  };
}

/** Calls `onEvent` for each live event whose name starts with `prefix` (e.g. "project."). */
export function useLive(prefix: string, onEvent: (event: BrainEvent) => void): void {
  const { live } = useServices();
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => live.on(prefix, (event) => ref.current(event)), [live, prefix]);
}

/** Sets the tab title to "<page> · Mosaic" (screen readers announce it on navigation too). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Mosaic` : "Mosaic";
  }, [title]);
}
