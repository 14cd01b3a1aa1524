/** @module Federation → Audit log: every grant change and enrollment attempt, newest first, filtered by grant/action/outcome. */
import { type AuditEntryView, AuditOutcome, AuditQuery, type UserView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import type { AuditFilter } from "../api/federationEndpoints.js";
import { Field } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime } from "../format.js";
import { useAction, useLoad } from "../hooks.js";
import { type FieldErrors, validate } from "../validation.js";
import { FederationFrame } from "./FederationFrame.js";

const PAGE = 50;
const ACTIONS = ["grant.create", "grant.revoke", "grant.expire", "enroll", "peer.add", "peer.remove"];

/** The filter in the address bar, so a grant's page can link to its rows and a reload keeps them. */
function filterFromUrl(): AuditFilter {
  const q = new URLSearchParams(window.location.search);
  const outcome = AuditOutcome.safeParse(q.get("outcome"));
  return {
    ...(q.get("grantId") ? { grantId: q.get("grantId") as string } : {}),
    ...(q.get("action") ? { action: q.get("action") as string } : {}),
    ...(outcome.success ? { outcome: outcome.data } : {}),
  };
}

function AuditRow({ entry }: { entry: AuditEntryView }) {
  return (
    <tr>
      <td className="nowrap" data-label="When">
        {formatDateTime(entry.at)}
      </td>
      <td data-label="Action">
        <code>{entry.action}</code>
      </td>
      <td data-label="Outcome">
        <span className={`badge outcome-${entry.outcome}`}>{entry.outcome}</span>
      </td>
      <td data-label="Grant">
        {entry.grantId ? (
          <Link to={`/federation/grants/${entry.grantId}`} title={entry.grantId}>
            <code>{entry.grantId.slice(0, 8)}</code>
          </Link>
        ) : (
          "—"
        )}
      </td>
      <td className="break" data-label="Source">
        {entry.source ?? "—"}
      </td>
      <td data-label="Reason">{entry.reason ?? ""}</td>
    </tr>
  );
}

function AuditTable({ filter }: { filter: AuditFilter }) {
  const api = useApi();
  const key = JSON.stringify(filter);
  const page = useLoad(`audit:${key}`, () => api.federation.audit({ ...filter, limit: PAGE }));
  const [more, setMore] = useState<{ items: AuditEntryView[]; cursor: string | null } | null>(null);
  const loadMore = useAction();
  const next = more ? more.cursor : (page.data?.nextCursor ?? null);
  return (
    <LoadState state={page}>
      {(first) => {
        const items = [...first.items, ...(more?.items ?? [])];
        if (!items.length) return <Empty>No audit rows match.</Empty>;
        return (
          <>
            <div className="table-scroll">
              <table className="audit">
                <caption className="sr-only">Federation audit log, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Grant</th>
                    <th scope="col">Source</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <AuditRow key={e.id} entry={e} />
                  ))}
                </tbody>
              </table>
            </div>
            <ErrorNotice error={loadMore.error} />
            {next && (
              <button
                type="button"
                className="secondary load-more"
                disabled={loadMore.pending}
                onClick={async () => {
                  const p = await loadMore.run(() => api.federation.audit({ ...filter, limit: PAGE, cursor: next }));
                  if (p) setMore((m) => ({ items: [...(m?.items ?? []), ...p.items], cursor: p.nextCursor }));
                }}
              >
                Load older rows
              </button>
            )}
          </>
        );
      }}
    </LoadState>
  );
}

export function AuditPage({ me }: { me: UserView }) {
  const [filter, setFilter] = useState<AuditFilter>(filterFromUrl);
  const [errors, setErrors] = useState<FieldErrors>({});

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = Object.fromEntries(
      ["grantId", "action", "outcome"].flatMap((k) => {
        const v = String(form.get(k) ?? "").trim();
        return v ? [[k, v]] : [];
      }),
    );
    const checked = validate(AuditQuery, values);
    if (!checked.ok) return setErrors(checked.fields);
    setErrors({});
    const { grantId, action, outcome } = checked.value;
    const next: AuditFilter = {
      ...(grantId ? { grantId } : {}),
      ...(action ? { action } : {}),
      ...(outcome ? { outcome } : {}),
    };
    setFilter(next);
    const search = new URLSearchParams(next as Record<string, string>).toString();
    window.history.replaceState(null, "", `/federation/audit${search ? `?${search}` : ""}`);
  };

  return (
    <FederationFrame me={me} title="Federation audit log">
      {() => (
        <>
          <p className="muted">
            Grant changes, every enrollment attempt (with its source address) and peer changes, newest first.
          </p>
          <form className="card inline-form filters" onSubmit={apply} noValidate aria-label="Filter the audit log">
            <Field
              label="Grant id"
              name="grantId"
              defaultValue={filter.grantId ?? ""}
              placeholder="any grant"
              error={errors.grantId}
              spellCheck={false}
            />
            <div className="field">
              <label htmlFor="audit-action">Action</label>
              <select id="audit-action" name="action" defaultValue={filter.action ?? ""}>
                <option value="">any</option>
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-outcome">Outcome</label>
              <select id="audit-outcome" name="outcome" defaultValue={filter.outcome ?? ""}>
                <option value="">any</option>
                {AuditOutcome.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Filter</button>
          </form>
          <AuditTable key={JSON.stringify(filter)} filter={filter} />
        </>
      )}
    </FederationFrame>
  );
}
