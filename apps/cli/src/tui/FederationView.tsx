/** @module The `f` view: federation at a glance (status, grants, peers with certificate expiry, latest audit rows), read-only. */
import type { AuditEntryView, GrantStatus, GrantView, PeerState, PeerView } from "@mosaic/contracts";
import { Box, Text, useInput } from "ink";
import { useCallback, useEffect, useState } from "react";
import { shortDate } from "../format.js";
import type { FederationSnapshot } from "./federationData.js";
import type { ViewProps } from "./views.js";

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

const DAY = 86_400_000;

/** Pads or cuts to exactly `width` columns (an ellipsis when cut), keeping inner spacing. */
const cell = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, Math.max(0, width - 2))}… ` : text.padEnd(width);
const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text);

const GRANT_COLOUR: Record<GrantStatus, string> = {
  pending: "yellow",
  active: "green",
  revoked: "red",
  expired: "red",
};
const PEER_COLOUR: Record<PeerState, string> = {
  pending: "yellow",
  active: "green",
  suspended: "yellow",
  revoked: "red",
};

/** "2026-12-22 14:03 (in 30 d)", "expired 2026-01-01 09:00". */
export function certExpiryText(notAfter: string, now: number): { text: string; warn: boolean } {
  const ms = Date.parse(notAfter) - now;
  if (ms <= 0) return { text: `expired ${shortDate(notAfter)}`, warn: true };
  const days = Math.ceil(ms / DAY);
  return { text: `${shortDate(notAfter)} (in ${days} d)`, warn: days <= 7 };
}

function grantLine(g: GrantView): Line {
  const expires = g.expiresAt ? shortDate(g.expiresAt) : "never";
  return {
    text: `  ${cell(g.status, 9)}${cell(g.peerLabel, 18)}${cell(g.subjectEmail ?? g.subjectUserId, 28)}${expires}`,
    color: GRANT_COLOUR[g.status],
  };
}

function peerLine(p: PeerView, now: number): Line {
  const expiry = certExpiryText(p.certNotAfter, now);
  return {
    text: `  ${cell(p.state, 10)}${cell(p.name, 16)}${cell(expiry.text, 28)}${p.federationUrl}`,
    color: expiry.warn ? "red" : PEER_COLOUR[p.state],
  };
}

function auditLine(a: AuditEntryView): Line {
  const grant = a.grantId ? a.grantId.slice(0, 8) : "-";
  const outcome = a.reason ? `${a.outcome} (${a.reason})` : a.outcome;
  return {
    text: `  ${cell(shortDate(a.at), 18)}${cell(a.action, 14)}${cell(outcome, 22)}${cell(grant, 10)}${a.source ?? "-"}`,
    color: a.outcome === "success" ? undefined : "red",
  };
}

/** Splits the body's rows between the three lists: each gets what it needs, the audit log takes the rest. */
function budget(rows: number, grants: number, peers: number): { grants: number; peers: number; audit: number } {
  // Status line + per section a heading and a column header.
  const free = Math.max(3, rows - 7);
  const g = Math.min(Math.max(1, grants), Math.max(1, Math.floor(free * 0.4)));
  const p = Math.min(Math.max(1, peers), Math.max(1, Math.floor(free * 0.25)));
  return { grants: g, peers: p, audit: Math.max(1, free - g - p) };
}

/** The lines of one snapshot, fitted to `rows`. Exported for tests of the layout. */
export function federationLines(snapshot: FederationSnapshot, rows: number, now: number): Line[] {
  if (snapshot.kind === "forbidden") {
    return [
      { text: "403 — admins only", color: "red", bold: true },
      { text: "Grants, peers and the federation audit log are for this gateway's admins." },
      { text: `The gateway said: ${snapshot.message}`, dim: true },
    ];
  }
  const { status, grants, peers, audit } = snapshot;
  const lines: Line[] = [
    status.enabled
      ? {
          text: `on · peers reach ${status.host} (enroll :${status.enrollPort}, federation :${status.federationPort}) · CA sha256 ${status.caFingerprint?.slice(0, 16) ?? "-"}…`,
          color: "green",
        }
      : {
          text: "off — start the gateway with MOSAIC_FEDERATION=1 (or federation.enabled) to grant or enroll",
          color: "yellow",
        },
  ];
  const fit = budget(rows, grants.length, peers.length);
  const more = (shown: number, total: number, hint: string): Line[] =>
    total > shown ? [{ text: `  … ${total - shown} more — ${hint}`, dim: true }] : [];

  const grantsShown = grants.length > fit.grants ? fit.grants - 1 : grants.length;
  lines.push({ text: `GRANTS (${grants.length}${snapshot.moreGrants ? "+" : ""})`, bold: true });
  lines.push({ text: `  ${cell("STATUS", 9)}${cell("PEER LABEL", 18)}${cell("SUBJECT", 28)}EXPIRES`, dim: true });
  if (!grants.length) lines.push({ text: "  none — create one with `mosaic federation grant create`", dim: true });
  lines.push(...grants.slice(0, grantsShown).map(grantLine));
  lines.push(...more(grantsShown, grants.length, "mosaic federation grant list"));

  const peersShown = peers.length > fit.peers ? fit.peers - 1 : peers.length;
  lines.push({ text: `PEERS (${peers.length})`, bold: true });
  lines.push({ text: `  ${cell("STATE", 10)}${cell("NAME", 16)}${cell("CERT EXPIRES", 28)}URL`, dim: true });
  if (!peers.length) lines.push({ text: "  none — add one with `mosaic federation peer add <url>`", dim: true });
  lines.push(...peers.slice(0, peersShown).map((p) => peerLine(p, now)));
  lines.push(...more(peersShown, peers.length, "mosaic federation peer list"));

  lines.push({ text: "LATEST AUDIT", bold: true });
  lines.push({
    text: `  ${cell("WHEN", 18)}${cell("ACTION", 14)}${cell("OUTCOME", 22)}${cell("GRANT", 10)}SOURCE`,
    dim: true,
  });
  if (!audit.length) lines.push({ text: "  no rows yet", dim: true });
  lines.push(...audit.slice(0, fit.audit).map(auditLine));
  return lines.slice(0, rows);
}

/** The view (App opens it on `f`): reads on open and on `r`; Esc, `p` or `f` goes back. */
export function FederationView(props: ViewProps) {
  const { api, run, width, rows } = props;
  const [snapshot, setSnapshot] = useState<FederationSnapshot | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    // `run` puts a refusal on the message line and raises the banner when the gateway is away.
    const next = await run(() => api.federation());
    setFailed(next === undefined);
    if (next) setSnapshot(next);
  }, [api, run]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads once when the view opens; r reads again
  useEffect(() => {
    void load();
  }, []);

  useInput(
    (input, key) => {
      if (input === "q") return props.quit();
      if (input === "?") return props.help();
      if (key.escape || input === "p" || input === "f") return props.back();
      if (input === "r") return void load();
    },
    { isActive: props.active },
  );

  if (!snapshot) {
    return failed ? (
      <Text color="red">{cut("couldn't read federation — r tries again", width)}</Text>
    ) : (
      <Text dimColor>loading federation…</Text>
    );
  }
  return (
    <Box flexDirection="column">
      {federationLines(snapshot, rows, Date.now()).map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list of lines redrawn whole
          key={i}
          color={line.color}
          bold={line.bold}
          dimColor={line.dim}
        >
          {cut(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
