/**
 * @module `/notes/:id`: one note — title, tags and a markdown editor with a live preview beside it
 * (below it on a phone); save, delete. A change made elsewhere shows at once unless the note has
 * unsaved edits here, which are never overwritten (a notice offers to load the other version).
 */
import { NoteUpdateBody, type NoteView } from "@mosaic/contracts";
import { type FormEvent, useDeferredValue, useEffect, useId, useState } from "react";
import { ApiError } from "../api/errors.js";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { TextAreaField } from "../components/Controls.js";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDateTime, isUuid } from "../format.js";
import { useAction, useLive, useLoad, useTitle } from "../hooks.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { navigate, useSearchParam } from "../router.js";
import { parseSource } from "../sources/source.js";
import { type FieldErrors, validate } from "../validation.js";
import { Markdown } from "./Markdown.js";
import { PeerNote } from "./PeerNote.js";
import { formatTags, parseTags } from "./tags.js";

export function NotePage({ id }: { id: string }) {
  const source = parseSource(useSearchParam("source"));
  if (!isUuid(id)) return <NotFoundPage what="Note" />;
  // A peer's note: read-only, since writes to peers don't exist.
  if (source.startsWith("federated:")) return <PeerNote id={id} peer={source.slice("federated:".length)} />;
  return <NoteLoader id={id} />;
}

function NoteLoader({ id }: { id: string }) {
  const api = useApi();
  const note = useLoad(`note:${id}`, () => api.notes.get(id));
  const [elsewhere, setElsewhere] = useState<NoteView | "deleted" | null>(null);
  useLive("note.", (event) => {
    if (event.id !== id) return;
    if (event.name === "note.deleted") setElsewhere("deleted");
    else if (event.data) setElsewhere(event.data as NoteView);
  });
  useTitle(note.data?.title ?? "Note");
  if (note.error instanceof ApiError && note.error.code === "not_found") return <NotFoundPage what="Note" />;
  return (
    <LoadState state={note}>
      {(n) => (
        <NoteEditor
          key={n.id}
          note={n}
          elsewhere={elsewhere}
          onSaved={(saved) => {
            setElsewhere(null);
            note.setData(() => saved);
          }}
        />
      )}
    </LoadState>
  );
}

interface Draft {
  title: string;
  tags: string;
  body: string;
}

const draftOf = (n: NoteView): Draft => ({ title: n.title, tags: formatTags(n.tags), body: n.body });

function NoteEditor({
  note,
  elsewhere,
  onSaved,
}: {
  note: NoteView;
  elsewhere: NoteView | "deleted" | null;
  onSaved: (note: NoteView) => void;
}) {
  const api = useApi();
  const uid = useId();
  const action = useAction();
  const project = useLoad(`note-project:${note.projectId ?? ""}`, () =>
    note.projectId ? api.projects.get(note.projectId) : Promise.resolve(undefined),
  );
  const projectName = project.data?.name;
  const [draft, setDraft] = useState<Draft>(() => draftOf(note));
  const [local, setLocal] = useState<FieldErrors>({});
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const saved = draftOf(note);
  const dirty = draft.title !== saved.title || draft.tags !== saved.tags || draft.body !== saved.body;
  // The preview lags typing a little on long notes instead of slowing every keystroke.
  const preview = useDeferredValue(draft.body);

  // Someone else saved this note: take their version when nothing here is unsaved.
  useEffect(() => {
    if (elsewhere && elsewhere !== "deleted" && !dirty && elsewhere.updatedAt !== note.updatedAt) onSaved(elsewhere);
  }, [elsewhere, dirty, note.updatedAt, onSaved]);
  useEffect(() => setDraft(draftOf(note)), [note]);

  const set = (key: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
    setSavedAt(null);
  };

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const tags = parseTags(draft.tags);
    const checked = validate(NoteUpdateBody, { title: draft.title, body: draft.body, tags });
    if (!checked.ok) {
      // `tags.2` → the tags field.
      const fields: FieldErrors = {};
      for (const [k, v] of Object.entries(checked.fields)) fields[k.split(".")[0] ?? ""] ??= v;
      return setLocal(fields);
    }
    setLocal({});
    const next = await action.run(() => api.notes.update(note.id, checked.value));
    if (next) {
      setSavedAt(next.updatedAt);
      onSaved(next);
    }
  };

  const serverFields: FieldErrors = {};
  for (const [k, v] of Object.entries(action.fields)) serverFields[k.split(".")[0] ?? ""] ??= v;
  const errors = { ...serverFields, ...local };

  return (
    <article className="note">
      <p className="crumbs">
        <Link to="/notes">Notes</Link> /
        {note.projectId && (
          <>
            {" "}
            <Link to={`/projects/${note.projectId}`}>{projectName ?? "Project"}</Link> /
          </>
        )}
      </p>
      <header className="page-head">
        <h1>{note.title}</h1>
        <span className="badge">{note.projectId ? `In ${projectName ?? "a project"}` : "Personal"}</span>
      </header>
      {elsewhere === "deleted" && (
        <div className="notice error" role="alert">
          <p>This note was deleted elsewhere. Saving will fail; copy anything you want to keep.</p>
        </div>
      )}
      {elsewhere && elsewhere !== "deleted" && dirty && elsewhere.updatedAt !== note.updatedAt && (
        <div className="notice" role="status">
          <p>This note was changed elsewhere while you were editing.</p>
          <button type="button" className="secondary" onClick={() => onSaved(elsewhere)}>
            Discard my edits and load it
          </button>
        </div>
      )}
      <form className="card note-form" onSubmit={save} noValidate aria-label="Edit note">
        <Field label="Title" value={draft.title} onChange={set("title")} maxLength={300} error={errors.title} />
        <Field
          label="Tags"
          value={draft.tags}
          onChange={set("tags")}
          hint="Separated by commas or spaces; a tag has no spaces."
          error={errors.tags}
        />
        <div className="editor">
          <TextAreaField
            label="Text (markdown)"
            className="editor-input"
            value={draft.body}
            onChange={set("body")}
            rows={18}
            spellCheck
            error={errors.body}
          />
          <section className="editor-preview" aria-labelledby={`${uid}-preview`}>
            <h2 id={`${uid}-preview`} className="label-like">
              Preview
            </h2>
            {preview.trim() ? <Markdown source={preview} /> : <p className="empty">Nothing to preview yet.</p>}
          </section>
        </div>
        <FormError message={errors[""]} />
        {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
        <div className="actions">
          <button type="submit" disabled={action.pending || !dirty}>
            {action.pending ? "Saving…" : "Save"}
          </button>
          {dirty ? (
            <button type="button" className="secondary" onClick={() => setDraft(saved)}>
              Discard changes
            </button>
          ) : null}
          <span className="muted" role="status">
            {dirty ? "Unsaved changes" : savedAt ? "Saved" : `Last saved ${formatDateTime(note.updatedAt)}`}
          </span>
          <span className="spacer" />
          <ConfirmButton
            label="Delete note"
            title={`Delete "${note.title}"?`}
            danger
            onConfirm={async () => {
              await api.notes.remove(note.id);
              navigate(note.projectId ? `/projects/${note.projectId}` : "/notes");
            }}
          >
            <p>The note and its text are deleted for everyone who can see it. This cannot be undone.</p>
          </ConfirmButton>
        </div>
      </form>
    </article>
  );
}
