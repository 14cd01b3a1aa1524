/**
 * @module The caller's preferences: key → JSON value. Mutable ones are edited and deleted here;
 * immutable ones (locked against agents) are shown read-only, as the dashboard promises.
 */
import { PreferenceKey, type PreferenceView } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { TextAreaField } from "../components/Controls.js";
import { Field, FormError } from "../components/Field.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad } from "../hooks.js";
import { type FieldErrors, readableIssue } from "../validation.js";

/** The value as typed: JSON when it parses (`42`, `true`, `{"a":1}`, `"text"`), else the text itself. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * How a value is shown and pre-filled for editing: a string without quotes, anything else as JSON —
 * and a string that would read back as something else ("42", "true") in quotes, so edits round-trip.
 */
export const showValue = (value: unknown): string =>
  typeof value === "string" && parseValue(value) === value ? value : JSON.stringify(value);

async function loadAll(api: ReturnType<typeof useApi>) {
  const items: PreferenceView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await api.memory.preferences({ limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export function Preferences() {
  const api = useApi();
  const prefs = useLoad("preferences", () => loadAll(api));
  const replace = (p: PreferenceView) =>
    prefs.setData((old) => {
      const rest = (old ?? []).filter((x) => x.key !== p.key);
      return [...rest, p].sort((a, b) => a.key.localeCompare(b.key));
    });
  return (
    <div className="stack">
      <LoadState state={prefs}>
        {(items) =>
          items.length === 0 ? (
            <Empty>No preferences yet — set one below (agents read them, e.g. reply-language).</Empty>
          ) : (
            <ul className="rows prefs" aria-label="Preferences">
              {items.map((p) => (
                <PreferenceRow
                  key={p.key}
                  pref={p}
                  onSaved={replace}
                  onRemoved={() => prefs.setData((old) => old?.filter((x) => x.key !== p.key))}
                />
              ))}
            </ul>
          )
        }
      </LoadState>
      <PreferenceForm onSaved={replace} locked={new Set(prefs.data?.filter((p) => !p.mutable).map((p) => p.key))} />
    </div>
  );
}

function PreferenceRow({
  pref,
  onSaved,
  onRemoved,
}: {
  pref: PreferenceView;
  onSaved: (p: PreferenceView) => void;
  onRemoved: () => void;
}) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const [text, setText] = useState(showValue(pref.value));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => api.memory.setPreference(pref.key, { value: parseValue(text) }));
    if (saved) {
      onSaved(saved);
      setEditing(false);
    }
  };
  return (
    <li data-key={pref.key}>
      <div className="row-main">
        <code className="row-title">{pref.key}</code>
        {editing ? (
          <form onSubmit={save} noValidate aria-label={`Edit ${pref.key}`}>
            <TextAreaField
              label={`Value of ${pref.key}`}
              value={text}
              rows={2}
              onChange={(e) => setText(e.currentTarget.value)}
              error={action.fields.value}
              hint="JSON (42, true, [1,2]) or plain text."
            />
            {!action.fields.value && <ErrorNotice error={action.error} />}
            <div className="actions">
              <button type="submit" disabled={action.pending}>
                Save
              </button>
              <button type="button" className="secondary" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <span className="pref-value">{showValue(pref.value)}</span>
        )}
        <span className="row-meta">updated {formatDate(pref.updatedAt)}</span>
      </div>
      <div className="row-meta">
        {pref.mutable ? (
          !editing && (
            <>
              <button
                type="button"
                className="secondary"
                onClick={() => setEditing(true)}
                aria-label={`Edit ${pref.key}`}
              >
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                title={`Delete the preference ${pref.key}?`}
                danger
                onConfirm={async () => {
                  await api.memory.removePreference(pref.key);
                  onRemoved();
                }}
              >
                <p>Agents will no longer see it.</p>
              </ConfirmButton>
            </>
          )
        ) : (
          <span className="badge" title="Locked: agents cannot change it, and this page shows it read-only">
            Immutable
          </span>
        )}
      </div>
    </li>
  );
}

function PreferenceForm({
  onSaved,
  locked,
}: {
  onSaved: (p: PreferenceView) => void;
  /** Immutable keys: read-only on this page, so the form doesn't overwrite them either. */
  locked: ReadonlySet<string>;
}) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const key = String(form.get("key") ?? "").trim();
    const parsedKey = PreferenceKey.safeParse(key);
    if (!parsedKey.success) {
      const issue = parsedKey.error.issues[0];
      return setLocal({ key: issue ? readableIssue(issue) : "Not a valid key." });
    }
    if (locked.has(parsedKey.data))
      return setLocal({ key: "That preference is immutable — change it with `mosaic memory pref set`." });
    setLocal({});
    const value = parseValue(String(form.get("value") ?? ""));
    const immutable = form.get("immutable") === "on";
    const saved = await action.run(() =>
      api.memory.setPreference(parsedKey.data, { value, ...(immutable ? { mutable: false } : {}) }),
    );
    if (saved) {
      onSaved(saved);
      formEl.reset();
    }
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Set a preference">
      <Field label="Key" name="key" maxLength={100} placeholder="reply-language" error={errors.key} />
      <Field label="Value" name="value" placeholder='"en"' error={errors.value} hint="JSON or plain text" />
      <label className="inline check">
        <input type="checkbox" name="immutable" /> Immutable (agents can't change it)
      </label>
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
      <button type="submit" disabled={action.pending}>
        Set preference
      </button>
    </form>
  );
}
