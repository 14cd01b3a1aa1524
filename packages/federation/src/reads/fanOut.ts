/** @module Asking several sources at once: every one in parallel, a failed peer reported instead of failing the answer. */
import type { SourceError } from "@mosaic/contracts";
import { isFederationClientError } from "../client/clientError.js";

export interface SourceCall<T> {
  source: string;
  run: () => Promise<T>;
}

export interface FanOutResult<T> {
  /** The sources that answered, in the order they were given. */
  answers: Array<{ source: string; value: T }>;
  /** The peers that did not, with a short reason each. */
  errors: SourceError[];
}

/**
 * Runs every call in parallel (each bounded by its client's timeout). A failing `local` call
 * rejects the whole read: it is this gateway's own error (a 403, a bad cursor) and must reach the
 * caller as is. A failing peer becomes an entry of `errors`.
 */
export async function fanOut<T>(calls: SourceCall<T>[]): Promise<FanOutResult<T>> {
  const settled = await Promise.allSettled(calls.map((call) => call.run()));
  const answers: FanOutResult<T>["answers"] = [];
  const errors: SourceError[] = [];
  for (const [i, outcome] of settled.entries()) {
    const source = (calls[i] as SourceCall<T>).source;
    if (outcome.status === "fulfilled") {
      answers.push({ source, value: outcome.value });
    } else if (source === "local") {
      throw outcome.reason;
    } else {
      errors.push({ peer: source, reason: sourceErrorReason(outcome.reason) });
    }
  }
  return { answers, errors };
}

/** A reason safe to show anyone who may read through the peer: a kind and A's denial code, nothing more. */
export function sourceErrorReason(err: unknown): string {
  if (isFederationClientError(err)) return err.shortReason;
  return "internal";
}

/** `_partial`/`_errors` for an answer: present only when some peer failed. */
export function partialMarkers(errors: SourceError[]): { _partial?: true; _errors?: SourceError[] } {
  return errors.length > 0 ? { _partial: true, _errors: errors } : {};
}
