/** @module Pieces the grant list and detail share: the status badge, a one-line scope, and revoke with confirmation. */
import type { FederationScope, GrantStatus, GrantView } from "@mosaic/contracts";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { useApi } from "../context.js";

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  return <span className={`badge grant-${status}`}>{status}</span>;
}

/** "tasks, notes (minus notes) · teams + personal · ≤ 500 rows" */
export function scopeSummary(scope: FederationScope): string {
  const minus = scope.excluded_resources.length ? ` (minus ${scope.excluded_resources.join(", ")})` : "";
  const owners = [scope.include_teams && "teams", scope.include_personal && "personal"].filter(Boolean).join(" + ");
  return `${scope.resources.join(", ")}${minus} · ${owners || "no projects"} · ≤ ${scope.max_rows_per_query} rows`;
}

export const canRevoke = (g: GrantView) => g.status === "pending" || g.status === "active";

export function RevokeGrant({ grant, onRevoked }: { grant: GrantView; onRevoked: (g: GrantView) => void }) {
  const api = useApi();
  return (
    <ConfirmButton
      label="Revoke"
      title={`Revoke the grant for “${grant.peerLabel}”?`}
      confirmLabel="Revoke grant"
      danger
      onConfirm={async () => onRevoked((await api.federation.grants.revoke(grant.id)).grant)}
    >
      <p>
        The peer loses access at once and its certificate stops being accepted. This can't be undone: to pair again,
        create a new grant.
      </p>
    </ConfirmButton>
  );
}
