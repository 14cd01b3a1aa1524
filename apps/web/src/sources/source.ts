/**
 * @module Federated reads in the dashboard, the pure part: which sources the selector offers, what
 * `?source=` means, where an item came from, and the words of the partial notice.
 */
import type { PeerView, SourceError, SourceSelector } from "@mosaic/contracts";

/** What the selector offers: this gateway, all of them, or one active peer. */
export interface SourceOption {
  value: SourceSelector;
  label: string;
}

/** Only active peers can answer a read; pending, suspended and revoked ones are left out. */
export function sourceOptions(peers: readonly Pick<PeerView, "name" | "state">[]): SourceOption[] {
  const active = peers.filter((p) => p.state === "active");
  if (active.length === 0) return [];
  return [
    { value: "local", label: "Local" },
    { value: "all", label: "All gateways" },
    ...active.map((p) => ({ value: `federated:${p.name}` as const, label: p.name })),
  ];
}

const PEER = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `?source=` as a selector; anything unknown or malformed reads as local (never a request the API refuses). */
export function parseSource(raw: string | null | undefined): SourceSelector {
  if (raw === "all") return "all";
  if (raw?.startsWith("federated:") && PEER.test(raw.slice(10))) return raw as SourceSelector;
  return "local";
}

/** The `source` to send: nothing for local, so a gateway without federation sees the request it always did. */
export function sourceQuery(source: SourceSelector): SourceSelector | undefined {
  return source === "local" ? undefined : source;
}

/** The peer an item came from, or null for this gateway's own (untagged or tagged `local`). */
export function peerOf(item: { _source?: string | undefined }): string | null {
  return item._source && item._source !== "local" ? item._source : null;
}

/** A page path for an item: a peer's item opens with `?source=federated:<peer>` so its page reads it from there. */
export function itemPath(path: string, item: { _source?: string | undefined }): string {
  const peer = peerOf(item);
  return peer ? `${path}?source=federated:${encodeURIComponent(peer)}` : path;
}

/** "partial: nas unreachable (connection refused)", one clause per peer that did not answer. */
export function partialText(errors: readonly SourceError[]): string {
  return `partial: ${errors.map((e) => `${e.peer} unreachable (${e.reason})`).join("; ")}`;
}

/** The peers a fanned-out answer names as failed; `_partial` without `_errors` still counts as one. */
export function partialErrors(answer: { _partial?: boolean | undefined; _errors?: SourceError[] | undefined }) {
  if (answer._errors?.length) return answer._errors;
  return answer._partial ? [{ peer: "a gateway", reason: "no reason given" }] : [];
}

/** Merges the per-page peer errors of a paged read, one entry per peer (the latest reason wins). */
export function mergeErrors(into: readonly SourceError[], more: readonly SourceError[] | undefined): SourceError[] {
  const byPeer = new Map(into.map((e) => [e.peer, e]));
  for (const e of more ?? []) byPeer.set(e.peer, e);
  return [...byPeer.values()];
}

const REMEMBERED = "mosaic.source";

/** The choice made last in this tab (sessionStorage), so moving between pages keeps it. */
export function rememberedSource(storage: Pick<Storage, "getItem"> | undefined): SourceSelector {
  try {
    return parseSource(storage?.getItem(REMEMBERED));
  } catch {
    return "local"; // storage disabled
  }
}

export function rememberSource(storage: Pick<Storage, "setItem"> | undefined, source: SourceSelector): void {
  try {
    storage?.setItem(REMEMBERED, source);
  } catch {
    // storage disabled: the URL still carries the choice
  }
}
