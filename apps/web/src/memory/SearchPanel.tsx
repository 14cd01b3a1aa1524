/**
 * @module Ranked search: notes, memory insights and tasks (`/api/search`), or insights alone
 * (`/api/memory/search`). Each hit shows its rank, kind and fused score, and links to the note or task;
 * through a `source`, a peer's hit carries its badge and opens read-only from that peer.
 */
import type { SearchHit, SearchKind, SourceSelector } from "@mosaic/contracts";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { SourcedHit, SourcedSearchResponse } from "../api/sourced.js";
import { Field } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, Loading } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction } from "../hooks.js";
import { excerpt } from "../notes/tags.js";
import { PartialNotice, SourceBadge } from "../sources/SourceControls.js";
import { itemPath, partialErrors, peerOf, sourceQuery } from "../sources/source.js";

const KINDS: readonly { kind: SearchKind; label: string }[] = [
  { kind: "notes", label: "Notes" },
  { kind: "memory", label: "Memory" },
  { kind: "tasks", label: "Tasks" },
];

const KIND_LABEL: Record<SearchHit["kind"], string> = { note: "Note", insight: "Insight", task: "Task" };

/**
 * Where a hit opens: a note or task page; an insight is shown in full on the memory page. A peer's
 * hit opens with `?source=federated:<peer>`, so the page reads it from that peer.
 */
export function hitLink(hit: SourcedHit): string {
  if (hit.kind === "note") return itemPath(`/notes/${hit.id}`, hit);
  if (hit.kind === "task") return itemPath(`/tasks/${hit.id}`, hit);
  return `${itemPath("/memory", hit)}#insight-${hit.id}`;
}

export function SearchPanel({
  memoryOnly = false,
  source = "local",
  toolbarStart,
}: {
  memoryOnly?: boolean;
  source?: SourceSelector;
  /** Shown before the query field (the search page's source selector). */
  toolbarStart?: ReactNode;
}) {
  const api = useApi();
  const uid = useId();
  const action = useAction();
  const [kinds, setKinds] = useState<ReadonlySet<SearchKind>>(new Set());
  const [result, setResult] = useState<{ q: string; answer: SourcedSearchResponse } | null>(null);
  const [qError, setQError] = useState<string | undefined>();

  const search = async (q: string) => {
    const limit = 20;
    const from = sourceQuery(source);
    const answer = await action.run(() =>
      memoryOnly
        ? api.memory.search({ q, limit, source: from })
        : api.search({ q, limit, kinds: [...kinds], source: from }),
    );
    if (answer) setResult({ q, answer });
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (!q) return setQError("Type what to look for.");
    setQError(undefined);
    await search(q);
  };
  // Another source re-runs the query on show, so its results never stand for the old source's.
  const shown = useRef<string | null>(null);
  shown.current = result?.q ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the source is the trigger; the query is read when it changes
  useEffect(() => {
    if (shown.current) void search(shown.current);
  }, [source]);
  const toggle = (kind: SearchKind) =>
    setKinds((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <div className="stack search">
      <form className="inline-form" onSubmit={submit} noValidate aria-label={memoryOnly ? "Search memory" : "Search"}>
        {toolbarStart}
        <Field
          label={memoryOnly ? "Words or a question" : "Search notes, memory and tasks"}
          name="q"
          type="search"
          maxLength={500}
          error={qError ?? action.fields.q}
        />
        <button type="submit" disabled={action.pending}>
          Search
        </button>
        {!memoryOnly && (
          <fieldset className="kinds">
            <legend>Only</legend>
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className="inline" htmlFor={`${uid}-${kind}`}>
                <input id={`${uid}-${kind}`} type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
                {label}
              </label>
            ))}
          </fieldset>
        )}
      </form>
      {!action.fields.q && <ErrorNotice error={action.error} />}
      {action.pending && <Loading label="Searching…" />}
      {result && !action.pending && <Results q={result.q} answer={result.answer} />}
    </div>
  );
}

function Results({ q, answer }: { q: string; answer: SourcedSearchResponse }) {
  const errors = partialErrors(answer);
  if (answer.items.length === 0)
    return (
      <>
        <PartialNotice errors={errors} />
        <Empty>Nothing found for “{q}”.</Empty>
      </>
    );
  return (
    <>
      <PartialNotice errors={errors} />
      <p className="muted" role="status">
        {answer.items.length} result{answer.items.length === 1 ? "" : "s"} for “{q}”, ranked by{" "}
        {answer.mode === "hybrid" ? "meaning and words (hybrid)" : "words (full text)"}.
      </p>
      <ol className="rows hits" aria-label="Search results">
        {answer.items.map((hit, i) => (
          <li
            key={`${hit._source ?? "local"}:${hit.kind}:${hit.id}`}
            data-kind={hit.kind}
            data-source={peerOf(hit) ?? "local"}
          >
            <div className="row-main">
              <span className="row-title">
                <span className="hit-rank">{i + 1}.</span> <Link to={hitLink(hit)}>{hit.title}</Link>
              </span>
              {hit.snippet && <p className="clamp">{hit.kind === "note" ? excerpt(hit.snippet, 300) : hit.snippet}</p>}
            </div>
            <div className="row-meta">
              <SourceBadge item={hit} />
              <span className="badge">{KIND_LABEL[hit.kind]}</span>
              <span className="muted" title="Reciprocal-rank-fusion score: higher ranks first">
                score {hit.score.toFixed(4)}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
