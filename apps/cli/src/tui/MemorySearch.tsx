/** @module Search the second brain as you type: notes, insights and tasks in one ranked list; Enter opens a note or task. */
import type { SearchHit } from "@mosaic/contracts";
import { Box, Text, useInput } from "ink";
import { useEffect, useState } from "react";
import { partialErrors, partialLine, peerOf, type SourcedHit, type SourcedSearchResponse, sourceLabel } from "./api.js";
import { fit } from "./board.js";
import { TextLine, typed } from "./TextInput.js";
import { listWindow, type ViewProps } from "./views.js";

/** How long typing must pause before the query is sent: one request per word, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface MemorySearchProps extends ViewProps {
  /** The text in the box: held by App, so it is still there after looking at a hit. */
  query: string;
  onQuery(update: (query: string) => string): void;
  /** Opens a note or task hit in its own view. */
  onOpen(hit: SourcedHit): void;
  debounceMs?: number;
}

const KIND_COLOUR: Record<SearchHit["kind"], string> = { note: "cyan", task: "green", insight: "magenta" };

export function MemorySearch(props: MemorySearchProps) {
  const { api, run, say, width, rows } = props;
  const debounceMs = props.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const { query, onQuery: setQuery } = props;
  const [answer, setAnswer] = useState<(SourcedSearchResponse & { q: string }) | undefined>(undefined);
  const { source } = props;
  const [pending, setPending] = useState(false);
  const [pick, setPick] = useState(0);

  // Every change of the query cancels the timer and the request of the one before, so an answer to
  // a query the user has typed past can never land on the screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-runs per query only
  useEffect(() => {
    const q = query.trim();
    if (q === "") {
      setAnswer(undefined);
      setPending(false);
      return;
    }
    setPending(true);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void run(async () => {
        try {
          return await api.search(q, controller.signal, source);
        } catch (err) {
          if (controller.signal.aborted) return null;
          throw err;
        }
      }).then((res) => {
        if (controller.signal.aborted) return;
        setPending(false);
        if (!res) return;
        setAnswer({ ...res, q });
        setPick(0);
        const failed = partialErrors(res);
        if (failed.length) say({ text: partialLine(failed), tone: "error" });
      });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, source]);

  const hits = answer?.items ?? [];
  useInput(
    (input, key) => {
      if (key.escape) return props.back();
      // Tab, not a letter: letters go into the query.
      if (key.tab) return props.cycleSource();
      if (key.upArrow) return setPick((i) => Math.max(0, i - 1));
      if (key.downArrow) return setPick((i) => Math.min(Math.max(0, hits.length - 1), i + 1));
      if (key.return) {
        const hit = hits[pick];
        if (!hit) return;
        const peer = peerOf(hit);
        if (peer && hit.kind === "task")
          return say({ text: `${peer} · task · ${hit.title} (read-only: open it on ${peer})`, tone: "info" });
        if (hit.kind === "insight") return say({ text: `insight · ${hit.title}: ${hit.snippet}`, tone: "info" });
        return props.onOpen(hit);
      }
      // Functional update: keys typed faster than a render still all land in the query.
      setQuery((q) => typed(q, input, key, 500) ?? q);
    },
    { isActive: props.active },
  );

  const status =
    query.trim() === ""
      ? "type to search notes, memory (insights) and tasks"
      : pending
        ? "searching…"
        : answer
          ? `${hits.length === 0 ? "no matches" : `${hits.length} result(s)`} for "${answer.q}" · ${answer.mode} ranking`
          : "";
  const listRows = Math.max(1, rows - 3);
  const { start, shown } = listWindow(hits, pick, listRows);
  return (
    <Box flexDirection="column" width={width}>
      <TextLine
        label={source === "local" ? "search:" : `search @ ${sourceLabel(source)}:`}
        value={query}
        width={width}
      />
      <Text dimColor>{fit(status, width)}</Text>
      <Text bold>{`${" KIND".padEnd(9)}${"SCORE".padEnd(7)}TITLE — SNIPPET`.slice(0, width)}</Text>
      {shown.map((hit, i) => {
        const selected = start + i === pick;
        const peer = peerOf(hit);
        const rest = fit(`${peer ? `[${peer}] ` : ""}${hit.title} — ${hit.snippet}`, width - 16);
        return (
          <Text key={`${hit._source ?? "local"}:${hit.kind}:${hit.id}`} inverse={selected}>
            <Text color={KIND_COLOUR[hit.kind]}>{`${selected ? "›" : " "}${hit.kind.padEnd(8)}`}</Text>
            {`${hit.score.toFixed(3).padEnd(7)}${rest}`}
          </Text>
        );
      })}
    </Box>
  );
}
