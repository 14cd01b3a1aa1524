/** @module Federation → Grants (on A): the list with a status filter, the create form, and revoke. */
import { type GrantCreatedResponse, GrantStatus, type GrantView, type UserView } from "@mosaic/contracts";
import { useState } from "react";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad } from "../hooks.js";
import { FederationFrame } from "./FederationFrame.js";
import { EnrollmentUrl, GrantForm } from "./GrantForm.js";
import { canRevoke, GrantStatusBadge, RevokeGrant, scopeSummary } from "./grantParts.js";

const PAGE = 50;

function GrantRow({ grant, onGrant }: { grant: GrantView; onGrant: (g: GrantView) => void }) {
  return (
    <li className={grant.status === "revoked" || grant.status === "expired" ? "revoked" : undefined}>
      <div className="row-main">
        <Link to={`/federation/grants/${grant.id}`} className="row-title">
          {grant.peerLabel}
        </Link>
        <span className="muted">
          as {grant.subjectEmail ?? grant.subjectUserId} · {scopeSummary(grant.scope)}
        </span>
        <span className="muted">
          created {formatDate(grant.createdAt)}
          {grant.expiresAt ? ` · expires ${formatDate(grant.expiresAt)}` : ""}
        </span>
      </div>
      <div className="row-meta">
        <GrantStatusBadge status={grant.status} />
        {canRevoke(grant) && <RevokeGrant grant={grant} onRevoked={onGrant} />}
      </div>
    </li>
  );
}

function GrantList({ status, fresh, enabled }: { status: GrantStatus | ""; fresh: number; enabled: boolean }) {
  const api = useApi();
  const query = status ? { status, limit: PAGE } : { limit: PAGE };
  const grants = useLoad(`grants:${status}:${fresh}`, () => api.federation.grants.list(query));
  const [more, setMore] = useState<{ items: GrantView[]; cursor: string | null } | null>(null);
  const loadMore = useAction();
  const next = more ? more.cursor : (grants.data?.nextCursor ?? null);
  const replace = (g: GrantView) => {
    grants.setData((d) => d && { ...d, items: d.items.map((x) => (x.id === g.id ? g : x)) });
    setMore((m) => m && { ...m, items: m.items.map((x) => (x.id === g.id ? g : x)) });
  };
  return (
    <LoadState state={grants}>
      {(page) => {
        const items = [...page.items, ...(more?.items ?? [])].filter((g) => !status || g.status === status);
        return items.length ? (
          <>
            <ul className="rows" aria-label="Grants">
              {items.map((g) => (
                <GrantRow key={g.id} grant={g} onGrant={replace} />
              ))}
            </ul>
            <ErrorNotice error={loadMore.error} />
            {next && (
              <button
                type="button"
                className="secondary load-more"
                disabled={loadMore.pending}
                onClick={async () => {
                  const p = await loadMore.run(() => api.federation.grants.list({ ...query, cursor: next }));
                  if (p) setMore((m) => ({ items: [...(m?.items ?? []), ...p.items], cursor: p.nextCursor }));
                }}
              >
                Load more
              </button>
            )}
          </>
        ) : (
          <Empty>
            {status
              ? `No ${status} grants.`
              : `No grants yet.${enabled ? " Create one above to pair another gateway." : ""}`}
          </Empty>
        );
      }}
    </LoadState>
  );
}

export function GrantsPage({ me }: { me: UserView }) {
  const [created, setCreated] = useState<GrantCreatedResponse | null>(null);
  const [status, setStatus] = useState<GrantStatus | "">("");
  // Bumped after a create so the list reloads (key change) with the new grant in place.
  const [fresh, setFresh] = useState(0);
  return (
    <FederationFrame me={me} title="Federation grants">
      {(s) => (
        <>
          <p className="muted">
            Grants let other gateways read data here: scoped, revocable and audited. Each grant is paired with one peer
            through a single-use enrollment URL.
          </p>
          {created && <EnrollmentUrl created={created} onDone={() => setCreated(null)} />}
          {s.enabled && (
            <GrantForm
              onCreated={(c) => {
                setCreated(c);
                setFresh((n) => n + 1);
              }}
            />
          )}
          <div className="toolbar">
            <h2>Grants</h2>
            <label className="inline">
              Status
              <select value={status} onChange={(e) => setStatus(e.target.value as GrantStatus | "")}>
                <option value="">all</option>
                {GrantStatus.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <GrantList key={`${status}:${fresh}`} status={status} fresh={fresh} enabled={s.enabled} />
        </>
      )}
    </FederationFrame>
  );
}
