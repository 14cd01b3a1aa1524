/**
 * @module Notes as a list: every note the caller can read, or one project's, filtered by tag, with
 * "load more" over the cursor and a create form. `note.*` events reload it. Through a `source`,
 * peers' notes come too, each with its peer's badge (the scope filter is this gateway's only).
 */
import { NoteCreateBody, type ProjectView, type SourceError, type SourceSelector, Tag } from "@mosaic/contracts";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { SourcedNote } from "../api/sourced.js";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLive, useLoad } from "../hooks.js";
import { navigate } from "../router.js";
import { PartialNotice, SourceBadge } from "../sources/SourceControls.js";
import { itemPath, mergeErrors, partialErrors, peerOf, sourceQuery } from "../sources/source.js";
import { type FieldErrors, validate } from "../validation.js";
import { excerpt } from "./tags.js";

const PAGE = 50;

export interface NotesListProps {
  /** Only this project's notes, and new notes go into it. */
  projectId?: string;
  /** Projects the caller can read, for the scope filter and the create form (the /notes page). */
  projects?: readonly ProjectView[];
  /** Where the list reads from (the /notes page's selector); a project's list is always local. */
  source?: SourceSelector;
  /** Shown first in the toolbar (the source selector). */
  toolbarStart?: ReactNode;
}

export function NotesList({ projectId, projects = [], source = "local", toolbarStart }: NotesListProps) {
  const api = useApi();
  const uid = useId();
  const [scope, setScope] = useState(""); // "" all, "personal", or a project id
  const [tagText, setTagText] = useState("");
  const [pages, setPages] = useState(1);
  const tag = Tag.safeParse(tagText).success ? tagText.trim() : undefined;
  const tagInvalid = tagText.trim() !== "" && !tag;
  // "Personal" and a project id mean this gateway's notes: with peers in the answer they don't apply.
  const localScope = source === "local" ? scope : "";
  const filter = {
    tag,
    projectId: projectId ?? (localScope && localScope !== "personal" ? localScope : undefined),
    personal: !projectId && localScope === "personal",
    source: sourceQuery(source),
  };
  const notes = useLoad(`notes:${JSON.stringify(filter)}:${pages}`, async () => {
    const items: SourcedNote[] = [];
    let errors: SourceError[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let i = 0; i < pages; i++) {
      const page = await api.notes.list({ ...filter, limit: PAGE, cursor });
      items.push(...page.items);
      errors = mergeErrors(errors, partialErrors(page));
      more = page.nextCursor !== null;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { items, more, errors };
  });
  useLive("note.", (event) => {
    if (!projectId || event.projectId === projectId) notes.reload();
  });
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const filtered = Boolean(tag) || localScope !== "";

  return (
    <div className="stack">
      <CreateNote projectId={projectId} projects={projects} />
      <div className="toolbar notes-toolbar">
        {toolbarStart}
        {!projectId && source === "local" && (
          <span className="inline">
            <label htmlFor={`${uid}-scope`}>Show</label>
            <select id={`${uid}-scope`} value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
              <option value="">All notes</option>
              <option value="personal">Personal notes</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </span>
        )}
        <span className="inline">
          <label htmlFor={`${uid}-tag`}>Tag</label>
          <input
            id={`${uid}-tag`}
            type="search"
            value={tagText}
            size={12}
            maxLength={64}
            aria-invalid={tagInvalid || undefined}
            aria-describedby={tagInvalid ? `${uid}-tag-error` : undefined}
            onChange={(e) => {
              setTagText(e.currentTarget.value);
              setPages(1);
            }}
          />
        </span>
        {tagInvalid && (
          <small id={`${uid}-tag-error`} className="field-error">
            A tag has no spaces or commas.
          </small>
        )}
      </div>
      <LoadState state={notes}>
        {({ items, more, errors }) =>
          items.length === 0 ? (
            <>
              <PartialNotice errors={errors} />
              <Empty>{filtered ? "No notes match these filters." : "No notes yet — write the first one above."}</Empty>
            </>
          ) : (
            <>
              <PartialNotice errors={errors} />
              <ul className="rows notes-list" aria-label="Notes">
                {items.map((n) => (
                  <li key={`${n._source ?? "local"}:${n.id}`} data-source={peerOf(n) ?? "local"}>
                    <div className="row-main">
                      <span className="row-title">
                        <Link to={itemPath(`/notes/${n.id}`, n)}>{n.title}</Link> <SourceBadge item={n} />
                      </span>
                      {n.body && <p className="clamp">{excerpt(n.body)}</p>}
                      <span className="row-meta">
                        {!projectId &&
                          (peerOf(n)
                            ? n.projectId
                              ? `a project on ${peerOf(n)}`
                              : `personal on ${peerOf(n)}`
                            : n.projectId
                              ? (projectName.get(n.projectId) ?? "A project")
                              : "Personal")}
                        {!projectId && " · "}updated {formatDate(n.updatedAt)}
                      </span>
                    </div>
                    {n.tags.length > 0 && (
                      <div className="tags">
                        {n.tags.map((t) => (
                          <button
                            key={t}
                            type="button"
                            className="tag"
                            aria-label={`Show notes tagged ${t}`}
                            aria-pressed={tag === t}
                            onClick={() => setTagText(tag === t ? "" : t)}
                          >
                            #{t}
                          </button>
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
              {more && (
                <button type="button" className="secondary" onClick={() => setPages((n) => n + 1)}>
                  Load more
                </button>
              )}
            </>
          )
        }
      </LoadState>
    </div>
  );
}

function CreateNote({ projectId, projects }: { projectId?: string | undefined; projects: readonly ProjectView[] }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const checked = validate(NoteCreateBody, { title: form.get("title") });
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    const where = projectId ?? (String(form.get("where") ?? "") || undefined);
    const note = await action.run(() => api.notes.create(checked.value, where));
    if (note) navigate(`/notes/${note.id}`);
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="New note">
      <Field label="New note title" name="title" required maxLength={300} error={errors.title} />
      {!projectId && projects.length > 0 && (
        <div className="field">
          <label htmlFor="new-note-where">In</label>
          <select id="new-note-where" name="where" defaultValue="">
            <option value="">Personal</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        {action.pending ? "Creating…" : "Write a note"}
      </button>
    </form>
  );
}
