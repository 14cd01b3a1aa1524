/**
 * @module Ranked search: notes, memory insights and tasks (`/api/search`), or insights alone
 * (`/api/memory/search`). Each hit shows its rank, kind and fused score, and links to the note or task.
 */
import type { SearchHit, SearchKind, SearchResponse } from "@mosaic/contracts";
import { type FormEvent, useId, useState } from "react";
import { Field } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { Empty, ErrorNotice, Loading } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction } from "../hooks.js";
import { excerpt } from "../notes/tags.js";

const KINDS: readonly { kind: SearchKind; label: string }[] = [
  { kind: "notes", label: "Notes" },
  { kind: "memory", label: "Memory" },
  { kind: "tasks", label: "Tasks" },
];

const KIND_LABEL: Record<SearchHit["kind"], string> = { note: "Note", insight: "Insight", task: "Task" };

/** Where a hit opens: a note or task page; an insight is shown in full on the memory page. */
export function hitLink(hit: SearchHit): string {
  if (hit.kind === "note") return `/notes/${hit.id}`;
  if (hit.kind === "task") return `/tasks/${hit.id}`;
  return `/memory#insight-${hit.id}`;
}

export function SearchPanel({ memoryOnly = false }: { memoryOnly?: boolean }) {
  const api = useApi();
  const uid = useId();
  const action = useAction();
  const [kinds, setKinds] = useState<ReadonlySet<SearchKind>>(new Set());
  const [result, setResult] = useState<{ q: string; answer: SearchResponse } | null>(null);
  const [qError, setQError] = useState<string | undefined>();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (!q) return setQError("Type what to look for.");
    setQError(undefined);
    const limit = 20;
    const answer = await action.run(() =>
      memoryOnly ? api.memory.search({ q, limit }) : api.search({ q, limit, kinds: [...kinds] }),
    );
    if (answer) setResult({ q, answer });
  };
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

function Results({ q, answer }: { q: string; answer: SearchResponse }) {
  if (answer.items.length === 0) return <Empty>Nothing found for “{q}”.</Empty>;
  return (
    <>
      <p className="muted" role="status">
        {answer.items.length} result{answer.items.length === 1 ? "" : "s"} for “{q}”, ranked by{" "}
        {answer.mode === "hybrid" ? "meaning and words (hybrid)" : "words (full text)"}.
      </p>
      <ol className="rows hits" aria-label="Search results">
        {answer.items.map((hit, i) => (
          <li key={`${hit.kind}:${hit.id}`} data-kind={hit.kind}>
            <div className="row-main">
              <span className="row-title">
                <span className="hit-rank">{i + 1}.</span> <Link to={hitLink(hit)}>{hit.title}</Link>
              </span>
              {hit.snippet && <p className="clamp">{hit.kind === "note" ? excerpt(hit.snippet, 300) : hit.snippet}</p>}
            </div>
            <div className="row-meta">
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
