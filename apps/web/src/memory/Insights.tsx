/**
 * @module Memory insights: what the brain remembers (personal, or shared through a project) — list,
 * add, delete. Through a `source`, peers' insights come too: badged, and never deletable from here.
 */
import { InsightCreateBody, type ProjectView, type SourceError, type SourceSelector } from "@mosaic/contracts";
import { type FormEvent, useState } from "react";
import type { SourcedInsight } from "../api/sourced.js";
import { ConfirmButton } from "../components/ConfirmButton.js";
import { SelectField, TextAreaField } from "../components/Controls.js";
import { Field, FormError } from "../components/Field.js";
import { Empty, ErrorNotice, LoadState } from "../components/Status.js";
import { useApi } from "../context.js";
import { formatDate } from "../format.js";
import { useAction, useLoad } from "../hooks.js";
import { PartialNotice, SourceBadge } from "../sources/SourceControls.js";
import { mergeErrors, partialErrors, peerOf, sourceQuery } from "../sources/source.js";
import { type FieldErrors, validate } from "../validation.js";

const PAGE = 50;

export function Insights({
  projects,
  source = "local",
}: {
  projects: readonly ProjectView[];
  source?: SourceSelector;
}) {
  const api = useApi();
  const [pages, setPages] = useState(1);
  const insights = useLoad(`insights:${source}:${pages}`, async () => {
    const items: SourcedInsight[] = [];
    let errors: SourceError[] = [];
    let cursor: string | undefined;
    let more = false;
    for (let i = 0; i < pages; i++) {
      const page = await api.memory.insights({ limit: PAGE, cursor, source: sourceQuery(source) });
      items.push(...page.items);
      errors = mergeErrors(errors, partialErrors(page));
      more = page.nextCursor !== null;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { items, more, errors };
  });
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return (
    <div className="stack">
      <InsightForm projects={projects} onCreated={() => insights.reload()} />
      <LoadState state={insights}>
        {({ items, more, errors }) =>
          items.length === 0 ? (
            <>
              <PartialNotice errors={errors} />
              <Empty>Nothing remembered yet — add an insight above, or let an agent record one.</Empty>
            </>
          ) : (
            <>
              <PartialNotice errors={errors} />
              <ul className="rows insights" aria-label="Insights">
                {items.map((i) => (
                  <li key={`${i._source ?? "local"}:${i.id}`} id={`insight-${i.id}`} data-source={peerOf(i) ?? "local"}>
                    <div className="row-main">
                      <p className="insight-text">{i.text}</p>
                      <span className="row-meta">
                        <SourceBadge item={i} /> <span className="badge">{i.category}</span> from {i.source} ·{" "}
                        {peerOf(i)
                          ? `${i.projectId ? "a project" : "personal"} on ${peerOf(i)}`
                          : i.projectId
                            ? (projectName.get(i.projectId) ?? "a project")
                            : "personal"}{" "}
                        · {formatDate(i.createdAt)}
                      </span>
                    </div>
                    {/* A peer's insight is read-only here: forgetting it is its own gateway's business. */}
                    {!peerOf(i) && (
                      <div className="row-meta">
                        <ConfirmButton
                          label="Delete"
                          title="Forget this insight?"
                          danger
                          onConfirm={async () => {
                            await api.memory.removeInsight(i.id);
                            insights.setData((old) => old && { ...old, items: old.items.filter((x) => x.id !== i.id) });
                          }}
                        >
                          <p>“{i.text.slice(0, 200)}” is deleted from memory and search.</p>
                        </ConfirmButton>
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

function InsightForm({ projects, onCreated }: { projects: readonly ProjectView[]; onCreated: () => void }) {
  const api = useApi();
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const projectId = String(form.get("projectId") ?? "");
    const values = {
      text: String(form.get("text") ?? ""),
      category: String(form.get("category") ?? "").trim() || undefined,
      ...(projectId ? { projectId } : {}),
    };
    const checked = validate(InsightCreateBody, values);
    if (!checked.ok) return setLocal(checked.fields);
    setLocal({});
    // Send what was typed, not the parsed defaults: the server applies its own.
    const created = await action.run(() => api.memory.createInsight(values));
    if (created) {
      formEl.reset();
      onCreated();
    }
  };
  const errors = { ...action.fields, ...local };
  return (
    <form className="insight-form" onSubmit={submit} noValidate aria-label="Remember an insight">
      <TextAreaField label="Remember" name="text" rows={2} maxLength={20_000} error={errors.text} />
      <div className="inline-form">
        <Field label="Category" name="category" maxLength={64} placeholder="general" error={errors.category} />
        {projects.length > 0 && (
          <SelectField label="Shared with" name="projectId" defaultValue="" error={errors.projectId}>
            <option value="">Only me</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                Project: {p.name}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" disabled={action.pending}>
          Add insight
        </button>
      </div>
      <FormError message={errors[""]} />
      {!Object.keys(action.fields).length && <ErrorNotice error={action.error} />}
    </form>
  );
}
