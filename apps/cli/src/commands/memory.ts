/** @module `mosaic memory …`: your preferences (key → JSON value) and insights, and search over the insights. */
import {
  InsightView,
  PreferenceView,
  pageOf,
  SourcedSearchResponse,
  sourced,
  sourcedItemOf,
  sourcedPageOf,
} from "@mosaic/contracts";
import type { Command } from "commander";
import { sessionOf } from "../context.js";
import { keyValues, oneLine, shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import {
  addPageOptions,
  fetchPage,
  idArg,
  inField,
  type PageOptions,
  printDone,
  printMoreHint,
  withExamples,
} from "./common.js";
import { addSearchOptions, printHits, type SearchOptions, searchFilters } from "./search.js";
import { addSourceOption, type SourceOptions, sourceColumns, sourceQuery, warnPartial } from "./source.js";

const PreferencePage = pageOf(PreferenceView);
const PreferenceResponse = inField("preference", PreferenceView);
const InsightPage = sourcedPageOf(InsightView);
const InsightResponse = inField("insight", InsightView);
const SourcedInsightResponse = sourcedItemOf("insight", sourced(InsightView));

export function registerMemoryCommands(program: Command): void {
  const memory = program.command("memory").description("memory: your preferences and insights, and search over them");
  registerPreferenceCommands(memory);
  registerInsightCommands(memory);

  withExamples(
    addSearchOptions(
      memory.command("search").description("search your insights, best first").argument("<query>", "words to look for"),
    ).option("--json", "print { mode, items } as JSON"),
    [
      'mosaic memory search "reply language"',
      "mosaic memory search tabs --limit 5 --json",
      "mosaic memory search tabs --source all",
    ],
  ).action(async (query: string, opts: SearchOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", "/api/memory/search", SourcedSearchResponse, {
      query: { q: query, ...sourceQuery(opts), ...searchFilters(opts) },
    });
    printHits(answer, opts);
  });
}

function registerPreferenceCommands(memory: Command): void {
  const pref = memory.command("pref").description("preferences: key → JSON value, yours alone");

  withExamples(
    addPageOptions(
      pref.command("list").description("list your preferences").option("--json", "print the page as JSON"),
    ),
    ["mosaic memory pref list", "mosaic memory pref list --all --json"],
  ).action(async (opts: PageOptions & { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const page = await fetchPage(client, "/api/memory/preferences", PreferencePage, opts);
    if (opts.json) return printJson(page);
    if (page.items.length === 0) {
      process.stdout.write("no preferences — set one with `mosaic memory pref set <key> <json-value>`\n");
      return;
    }
    printTable(
      ["KEY", "MUTABLE", "UPDATED", "VALUE"],
      page.items.map((p) => [
        p.key,
        p.mutable ? "yes" : "no",
        shortDate(p.updatedAt),
        oneLine(JSON.stringify(p.value), 60),
      ]),
    );
    printMoreHint(page, `mosaic memory pref list${opts.limit === undefined ? "" : ` --limit ${opts.limit}`}`);
  });

  withExamples(
    pref
      .command("get")
      .description("print one preference's value (as JSON)")
      .argument("<key>", "the key, e.g. editor.theme")
      .option("--json", "print the whole preference as JSON"),
    ["mosaic memory pref get editor.theme", "mosaic memory pref get editor.theme --json"],
  ).action(async (key: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const { preference } = await client.json("GET", prefPath(key), PreferenceResponse);
    if (opts.json) return printJson({ preference });
    process.stdout.write(`${JSON.stringify(preference.value)}\n`);
  });

  withExamples(
    pref
      .command("set")
      .description("create or replace a preference; the value is JSON (quote strings: '\"dark\"')")
      .argument("<key>", "lower-case letters, digits and . _ : -")
      .argument("<json-value>", 'the value as JSON: "text", 42, true, [..] or {..}')
      .option("--immutable", "lock it against agents (you can still change it)")
      .option("--json", "print the preference as JSON"),
    [
      "mosaic memory pref set editor.theme '\"dark\"'",
      "mosaic memory pref set reply-language '\"en\"' --immutable --json",
    ],
  ).action(async (key: string, raw: string, opts: { immutable?: boolean; json?: boolean }, command: Command) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new CliError(`the value must be JSON — for text, quote it: '"${raw}"'`, EXIT.usage);
    }
    const body = { value, ...(opts.immutable ? { mutable: false } : {}) };
    const { client } = sessionOf(command);
    const { preference } = await client.json("PUT", prefPath(key), PreferenceResponse, { body });
    if (opts.json) return printJson({ preference });
    process.stdout.write(
      `${preference.key} = ${JSON.stringify(preference.value)}${preference.mutable ? "" : " (immutable)"}\n`,
    );
  });

  withExamples(
    pref
      .command("delete")
      .description("forget a preference")
      .argument("<key>", "the key")
      .option("--json", "print the result as JSON"),
    ["mosaic memory pref delete editor.theme", "mosaic memory pref delete editor.theme --json"],
  ).action(async (key: string, opts: { json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    await client.empty("DELETE", prefPath(key));
    printDone(opts.json, { key, deleted: true }, `deleted preference ${key}`);
  });
}

function prefPath(key: string): string {
  return `/api/memory/preferences/${encodeURIComponent(key)}`;
}

function registerInsightCommands(memory: Command): void {
  const insight = memory.command("insight").description("insights: things learned, searchable by meaning");

  withExamples(
    addPageOptions(
      addSourceOption(insight.command("list"))
        .description("list your insights (and your projects' shared ones), newest first")
        .option("--category <c>", "only this category")
        .option("--project <id>", "only those shared in this project")
        .option("--json", "print the page as JSON"),
    ),
    [
      "mosaic memory insight list",
      "mosaic memory insight list --category style --json",
      "mosaic memory insight list --source all",
    ],
  ).action(
    async (
      opts: PageOptions & SourceOptions & { category?: string; project?: string; json?: boolean },
      command: Command,
    ) => {
      const { client } = sessionOf(command);
      const filters = {
        ...sourceQuery(opts),
        category: opts.category,
        projectId: opts.project === undefined ? undefined : idArg(opts.project, "--project"),
      };
      const page = await fetchPage(client, "/api/memory/insights", InsightPage, opts, filters);
      if (opts.json) return printJson(page);
      warnPartial(page);
      if (page.items.length === 0) {
        process.stdout.write("no insights — add one with `mosaic memory insight add <text>`\n");
        return;
      }
      printTable(
        ...sourceColumns(opts, ["ID", "CATEGORY", "CREATED", "TEXT"], page.items, (i) => [
          i.id,
          i.category,
          shortDate(i.createdAt),
          oneLine(i.text, 60),
        ]),
      );
      const flags = [
        opts.source === undefined ? "" : ` --source ${opts.source}`,
        opts.category === undefined ? "" : ` --category ${opts.category}`,
        opts.project === undefined ? "" : ` --project ${opts.project}`,
        opts.limit === undefined ? "" : ` --limit ${opts.limit}`,
      ];
      printMoreHint(page, `mosaic memory insight list${flags.join("")}`);
    },
  );

  withExamples(
    addSourceOption(insight.command("show"))
      .description("show one insight")
      .argument("<id>", "insight id")
      .option("--json", "print the insight as JSON"),
    ["mosaic memory insight show <id>", "mosaic memory insight show <id> --source all --json"],
  ).action(async (id: string, opts: { json?: boolean } & SourceOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", `/api/memory/insights/${idArg(id, "insight id")}`, SourcedInsightResponse, {
      query: sourceQuery(opts),
    });
    if (opts.json) return printJson(answer);
    warnPartial(answer);
    const i = answer.insight;
    process.stdout.write(
      `${keyValues([
        ...(i._source === undefined ? [] : [["source", i._source] as [string, string]]),
        ["id", i.id],
        ["category", i.category],
        ["project", i.projectId ?? "personal"],
        ["source of insight", i.source],
        ["created", shortDate(i.createdAt)],
        ["text", i.text],
      ])}\n`,
    );
  });

  withExamples(
    insight
      .command("add")
      .description("remember an insight (personal, or shared in a project with --project)")
      .argument("<text>", "the insight")
      .option("--category <c>", "a label (default general)")
      .option("--project <id>", "share it with the project's members")
      .option("--json", "print the insight as JSON"),
    ['mosaic memory insight add "Prefers tabs over spaces" --category style', 'mosaic memory insight add "…" --json'],
  ).action(async (text: string, opts: { category?: string; project?: string; json?: boolean }, command: Command) => {
    const body = {
      text,
      ...(opts.category !== undefined ? { category: opts.category } : {}),
      ...(opts.project !== undefined ? { projectId: idArg(opts.project, "--project") } : {}),
    };
    const { client } = sessionOf(command);
    const { insight: i } = await client.json("POST", "/api/memory/insights", InsightResponse, { body });
    if (opts.json) return printJson({ insight: i });
    process.stdout.write(
      `${keyValues([
        ["id", i.id],
        ["category", i.category],
        ["project", i.projectId ?? "personal"],
        ["text", i.text],
      ])}\n`,
    );
  });

  withExamples(
    insight
      .command("delete")
      .description("forget an insight")
      .argument("<id>", "insight id")
      .option("--json", "print the result as JSON"),
    ["mosaic memory insight delete <id>", "mosaic memory insight delete <id> --json"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const insightId = idArg(id, "insight id");
    const { client } = sessionOf(command);
    await client.empty("DELETE", `/api/memory/insights/${insightId}`);
    printDone(opts.json, { id: insightId, deleted: true }, `deleted insight ${insightId}`);
  });
}
