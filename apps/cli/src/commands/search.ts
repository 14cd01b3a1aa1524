/** @module `mosaic search <query>`: one ranked list over notes, memory and tasks (docs/SEARCH.md). */
import {
  MAX_SEARCH_LIMIT,
  type SourcedSearchResponse as SearchAnswer,
  SearchKind,
  SourcedSearchResponse,
} from "@mosaic/contracts";
import type { Command } from "commander";
import { sessionOf } from "../context.js";
import { oneLine } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { idArg, withExamples } from "./common.js";
import { addSourceOption, type SourceOptions, sourceColumns, sourceQuery, warnPartial } from "./source.js";

export interface SearchOptions extends SourceOptions {
  project?: string;
  limit?: string;
  json?: boolean;
}

export function registerSearchCommand(program: Command): void {
  withExamples(
    addSearchOptions(
      program
        .command("search")
        .description("search notes, memory (insights) and tasks at once, best first")
        .argument("<query>", "words to look for")
        .option("--kinds <kinds>", "comma list of notes, memory, tasks (default all)"),
    ).option("--json", "print { mode, items } as JSON"),
    [
      'mosaic search "enrollment token"',
      "mosaic search pgvector --kinds notes,tasks --project <id> --limit 20 --json",
      'mosaic search "enrollment token" --source all',
    ],
  ).action(async (query: string, opts: SearchOptions & { kinds?: string }, command: Command) => {
    const kinds = opts.kinds === undefined ? undefined : kindsOf(opts.kinds);
    const { client } = sessionOf(command);
    const answer = await client.json("GET", "/api/search", SourcedSearchResponse, {
      query: { q: query, kinds, ...sourceQuery(opts), ...searchFilters(opts) },
    });
    printHits(answer, opts);
  });
}

export function addSearchOptions(command: Command): Command {
  return addSourceOption(command)
    .option("--project <id>", "only within this project")
    .option("--limit <n>", `how many hits, 1–${MAX_SEARCH_LIMIT} (default 10)`);
}

export function searchFilters(opts: SearchOptions): { projectId?: string; limit?: number } {
  const projectId = opts.project === undefined ? undefined : idArg(opts.project, "--project");
  if (opts.limit === undefined) return { projectId };
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT)
    throw new CliError(
      `--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT} (got "${opts.limit}")`,
      EXIT.usage,
    );
  return { projectId, limit };
}

function kindsOf(raw: string): string {
  const parts = raw.split(",").map((s) => s.trim());
  for (const part of parts) {
    if (!SearchKind.safeParse(part).success)
      throw new CliError(`--kinds: unknown kind "${part}" (${SearchKind.options.join(", ")})`, EXIT.usage);
  }
  return parts.join(",");
}

/** The hits as a table: (SOURCE,) KIND, SCORE, ID, TITLE, SNIPPET; a "partial:" line per peer that failed. */
export function printHits(answer: SearchAnswer, opts: SearchOptions & { json?: boolean }): void {
  if (opts.json) {
    printJson(answer);
    return;
  }
  warnPartial(answer);
  if (answer.items.length === 0) {
    process.stdout.write("no matches\n");
    return;
  }
  printTable(
    ...sourceColumns(opts, ["KIND", "SCORE", "ID", "TITLE", "SNIPPET"], answer.items, (h) => [
      h.kind,
      h.score.toFixed(4),
      h.id,
      oneLine(h.title, 40),
      oneLine(h.snippet, 60),
    ]),
  );
}
