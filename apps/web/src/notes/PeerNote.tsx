/** @module A peer gateway's note, read-only: title, tags and the rendered markdown, with where it came from. */
import type { SourceSelector } from "@mosaic/contracts";
import { ApiError } from "../api/errors.js";
import { Link } from "../components/Link.js";
import { LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime } from "../format.js";
import { useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { Markdown } from "./Markdown.js";

export function PeerNote({ id, peer }: { id: string; peer: string }) {
  const api = useApi();
  const source: SourceSelector = `federated:${peer}`;
  const note = useLoad(`peer-note:${peer}:${id}`, () => api.notes.get(id, source));
  useTitle(note.data ? `${note.data.title} (${peer})` : "Note");
  if (note.error instanceof ApiError && note.error.code === "not_found") return <NotFoundPage what="Note" />;
  return (
    <LoadState state={note}>
      {(n) => (
        <article className="note read-only" data-source={peer}>
          <p className="crumbs">
            <Link to={`/notes?source=${encodeURIComponent(source)}`}>Notes on {peer}</Link> /
          </p>
          <header className="page-head">
            <h1>{n.title}</h1>
            <span className="badge">{n.projectId ? "In a project" : "Personal"}</span>
          </header>
          <p className="notice" role="note">
            From the gateway <strong className="badge source">{peer}</strong> — read-only here: change it on {peer}.
          </p>
          <p className="muted">
            Last updated {formatDateTime(n.updatedAt)}
            {n.tags.length > 0 && ` · ${n.tags.map((t) => `#${t}`).join(" ")}`}
          </p>
          <section className="card" aria-label="Note">
            {n.body.trim() ? <Markdown source={n.body} /> : <p className="empty">This note is empty.</p>}
          </section>
        </article>
      )}
    </LoadState>
  );
}
