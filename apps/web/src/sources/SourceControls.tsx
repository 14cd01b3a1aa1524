/**
 * @module Federated reads in the dashboard, the visible part: the source selector (kept in `?source=`
 * and remembered for the tab), the badge naming an item's peer, and the partial notice.
 */
import type { SourceError, SourceSelector } from "@mosaic/contracts";
import { useEffect, useId } from "react";
import { useApi } from "../context.js";
import { useLoad } from "../hooks.js";
import { navigate, useSearchParam, withSearchParam } from "../router.js";
import {
  parseSource,
  partialText,
  peerOf,
  rememberedSource,
  rememberSource,
  type SourceOption,
  sourceOptions,
} from "./source.js";

const storage = () => (typeof window === "undefined" ? undefined : window.sessionStorage);

export interface SourceChoice {
  source: SourceSelector;
  /** Empty when the gateway has no active peer or the caller may not read through them (403). */
  options: readonly SourceOption[];
  setSource(source: SourceSelector): void;
}

/**
 * The source a page reads from: `?source=` in the URL (links and reloads keep it), else the last
 * choice made in this tab. Peers are listed by an admin-only route; a 403 (or any failure) means
 * no selector and local reads.
 */
export function useSourceChoice(): SourceChoice {
  const api = useApi();
  const raw = useSearchParam("source");
  const peers = useLoad("federation-peers", () => api.federation.peers.list());
  const options = peers.data ? sourceOptions(peers.data.items) : [];
  const usable = options.length > 0;
  // A page opened without `?source=` takes the tab's last choice, once the selector is there.
  useEffect(() => {
    if (raw !== null || !usable) return;
    const remembered = rememberedSource(storage());
    if (remembered !== "local") navigate(withSearchParam("source", remembered), { replace: true });
  }, [raw, usable]);
  return {
    source: peers.error ? "local" : parseSource(raw),
    options,
    setSource(next) {
      rememberSource(storage(), next);
      navigate(withSearchParam("source", next === "local" ? null : next), { replace: true });
    },
  };
}

/** The "Source" select; renders nothing when there is nothing to choose. */
export function SourceSelect({
  options,
  value,
  onChange,
}: {
  options: readonly SourceOption[];
  value: SourceSelector;
  onChange: (source: SourceSelector) => void;
}) {
  const uid = useId();
  if (options.length === 0) return null;
  return (
    <span className="inline source-select">
      <label htmlFor={`${uid}-source`}>Source</label>
      <select id={`${uid}-source`} value={value} onChange={(e) => onChange(parseSource(e.currentTarget.value))}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {/* A URL naming a peer that is gone still shows what it asks for. */}
        {!options.some((o) => o.value === value) && <option value={value}>{value}</option>}
      </select>
    </span>
  );
}

/** The peer's name on an item from another gateway; nothing on this gateway's own items. */
export function SourceBadge({ item }: { item: { _source?: string | undefined } }) {
  const peer = peerOf(item);
  if (!peer) return null;
  return (
    <span className="badge source" title={`From the gateway ${peer} (read-only)`} data-source={peer}>
      {peer}
    </span>
  );
}

/** "partial: <peer> unreachable (<reason>)" above results that did arrive. */
export function PartialNotice({ errors }: { errors: readonly SourceError[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="notice partial" role="status">
      <p>{partialText(errors)}</p>
    </div>
  );
}
