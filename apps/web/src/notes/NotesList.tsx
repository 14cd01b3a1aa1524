/**
 * @module Notes as a list: every note the caller can read, or one project's, filtered by tag, with
 * "load more" over the cursor and a create form. `note.*` events reload it.
 */
import { NoteCreateBody, type NoteView, type ProjectView, Tag } from "@mosaic/contracts";
import { type FormEvent, useId, useState } from "react";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLive, useLoad } from "../hooks.js";
import { navigate } from "../router.js";
import { type FieldErrors, validate } from "../validation.js";
import { excerpt } from "./tags.js";

const PAGE = 50;

export interface NotesListProps {
  /** Only this project's notes, and new notes go into it. */
  projectId?: string;
  /** Projects the caller can read, for the scope filter and the create form (the /notes page). */
  projects?: readonly ProjectView[];
}

export function NotesList({ projectId, projects = [] }: NotesListProps) {
  const api = useApi();
  const uid = useId();
  const [scope, setScope] = useState(""); // "" all, "personal", or a project id
  const [tagText, setTagText] = useState("");
  const [pages, setPages] = useState(1);
  const tag = Tag.safeParse(tagText).success ? tagText.trim() : undefined;
  const tagInvalid = tagText.trim() !== "" && !tag;
  const filter = {
    tag,
    projectId: projectId ?? (scope && scope !== "personal" ? scope : undefined),
    personal: !projectId && scope === "personal",
  };
  const notes = useLoad(`notes:${JSON.stringify(filter)}:${pages}`, async () => {
    const items: NoteView[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let i = 0; i < pages; i++) {
      const page = await api.notes.list({ ...filter, limit: PAGE, cursor });
      items.push(...page.items);
      more = page.nextCursor !== null;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { items, more };
  });
  useLive("note.", (event) => {
    if (!projectId || event.projectId === projectId) notes.reload();
  });
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const filtered = Boolean(tag) || scope !== "";

  return (
    <div className="stack">
      <CreateNote projectId={projectId} projects={projects} />
      <div className="toolbar notes-toolbar">
        {!projectId && (
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
        {({ items, more }) =>
          items.length === 0 ? (
            <Empty>{filtered ? "No notes match these filters." : "No notes yet — write the first one above."}</Empty>
          ) : (
            <>
              <ul className="rows notes-list" aria-label="Notes">
                {items.map((n) => (
                  <li key={n.id}>
                    <div className="row-main">
                      <Link to={`/notes/${n.id}`} className="row-title">
                        {n.title}
                      </Link>
                      {n.body && <p className="clamp">{excerpt(n.body)}</p>}
                      <span className="row-meta">
                        {!projectId && (n.projectId ? (projectName.get(n.projectId) ?? "A project") : "Personal")}
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
