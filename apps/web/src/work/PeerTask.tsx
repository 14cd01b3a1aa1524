/** @module A peer gateway's task, read-only: every field as text, where it came from, no form and no delete. */
import type { SourceSelector } from "@mosaic/contracts";
import { ApiError } from "../api/errors.js";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime } from "../format.js";
import { useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { STATUS_LABELS, taskLabel } from "./taskLogic.js";

export function PeerTask({ id, peer }: { id: string; peer: string }) {
  const api = useApi();
  const source: SourceSelector = `federated:${peer}`;
  const task = useLoad(`peer-task:${peer}:${id}`, () => api.tasks.get(id, source));
  useTitle(task.data ? `${taskLabel(task.data)} (${peer})` : "Task");
  if (task.error instanceof ApiError && task.error.code === "not_found") return <NotFoundPage what="Task" />;
  return (
    <LoadState state={task}>
      {(t) => (
        <article className="task read-only" data-source={peer}>
          <p className="crumbs">
            <Link to={`/tasks?source=${encodeURIComponent(source)}`}>Tasks on {peer}</Link> /
          </p>
          <header className="page-head">
            <h1>
              {t.externalId && <span className="card-id">{t.externalId}</span>} {t.title}
            </h1>
            <span className={`status status-${t.status}`}>{STATUS_LABELS[t.status]}</span>
          </header>
          <p className="notice" role="note">
            From the gateway <strong className="badge source">{peer}</strong> — read-only here: change it on {peer}.
          </p>
          <p className="muted">Last updated {formatDateTime(t.updatedAt)}</p>
          <section className="card" aria-label="Task details">
            <dl className="facts">
              <dt>Priority</dt>
              <dd>{t.priority}</dd>
              <dt>Assignee</dt>
              <dd>{t.assignee ?? "—"}</dd>
              <dt>Due</dt>
              <dd>{t.dueDate ?? "—"}</dd>
              <dt>Estimate</dt>
              <dd>{t.estimate ?? "—"}</dd>
              <dt>Branch</dt>
              <dd>{t.branch ?? "—"}</dd>
              <dt>Issue</dt>
              <dd>{t.issue ?? "—"}</dd>
            </dl>
            {t.description && <p className="prewrap">{t.description}</p>}
            {t.notes && <p className="prewrap muted">{t.notes}</p>}
          </section>
        </article>
      )}
    </LoadState>
  );
}
