/** @module One grant: its scope field by field, its lifecycle dates and certificate serial, revoke, and its audit rows. */
import type { GrantView, UserView } from "@mosaic/contracts";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime, isUuid } from "../format.js";
import { useLoad } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { FederationFrame } from "./FederationFrame.js";
import { canRevoke, GrantStatusBadge, RevokeGrant } from "./grantParts.js";

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "—");

function GrantFacts({ grant }: { grant: GrantView }) {
  const { scope } = grant;
  const rows: Array<[string, string]> = [
    ["Subject user", grant.subjectEmail ?? grant.subjectUserId],
    ["Resources", scope.resources.join(", ")],
    ["Excluded resources", scope.excluded_resources.join(", ") || "none"],
    ["Team projects", scope.include_teams ? "included" : "not included"],
    ["Personal projects", scope.include_personal ? "included" : "not included"],
    ["Max rows per query", String(scope.max_rows_per_query)],
    ["Expires", grant.expiresAt ? formatDateTime(grant.expiresAt) : "never (until revoked)"],
    ["Created", when(grant.createdAt)],
    ["Activated (enrolled)", when(grant.activatedAt)],
    ["Revoked", when(grant.revokedAt)],
    ["Certificate serial", grant.currentCertSerial ?? "none issued yet"],
    ["Grant id", grant.id],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function GrantDetail({ id }: { id: string }) {
  const api = useApi();
  const grant = useLoad(`grant:${id}`, () => api.federation.grants.get(id));
  return (
    <LoadState state={grant}>
      {({ grant: g }) => (
        <article className="card">
          <div className="page-head">
            <h2>{g.peerLabel}</h2>
            <GrantStatusBadge status={g.status} />
            {canRevoke(g) && <RevokeGrant grant={g} onRevoked={(next) => grant.setData(() => ({ grant: next }))} />}
          </div>
          {g.status === "pending" && (
            <p className="muted">
              Waiting for the peer to enroll with the URL shown when the grant was created. If that URL was lost or has
              expired, revoke this grant and create a new one.
            </p>
          )}
          <GrantFacts grant={g} />
          <Link to={`/federation/audit?grantId=${g.id}`}>Audit log of this grant</Link>
        </article>
      )}
    </LoadState>
  );
}

export function GrantDetailPage({ id, me }: { id: string; me: UserView }) {
  if (!isUuid(id)) return <NotFoundPage />;
  return (
    <FederationFrame me={me} title="Federation grant">
      {() => (
        <>
          <p className="crumbs">
            <Link to="/federation">← All grants</Link>
          </p>
          <GrantDetail id={id} />
        </>
      )}
    </FederationFrame>
  );
}
