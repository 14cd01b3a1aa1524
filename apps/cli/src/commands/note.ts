/** @module `mosaic note …`: list, show, create, update, edit (in $EDITOR) and delete notes over the API. */
import { readFile } from "node:fs/promises";
import { NoteView, sourced, sourcedItemOf, sourcedPageOf } from "@mosaic/contracts";
import type { Command } from "commander";
import { sessionOf } from "../context.js";
import { editInEditor } from "../editor.js";
import { keyValues, oneLine, shortDate } from "../format.js";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { confirmOrRefuse } from "../prompt.js";
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
import { addSourceOption, type SourceOptions, sourceColumns, sourceQuery, warnPartial } from "./source.js";

const NotePage = sourcedPageOf(NoteView);
const NoteResponse = inField("note", NoteView);
const SourcedNoteResponse = sourcedItemOf("note", sourced(NoteView));

interface ListOptions extends PageOptions, SourceOptions {
  project?: string;
  tag?: string;
  personal?: boolean;
  json?: boolean;
}

interface FieldOptions {
  title?: string;
  tag?: string;
  bodyFile?: string;
  json?: boolean;
}

export function registerNoteCommands(program: Command): void {
  const note = program.command("note").description("notes: markdown with tags, personal or in a project");

  withExamples(
    addPageOptions(
      addSourceOption(note.command("list"))
        .description("list the notes you can read, newest first")
        .option("--project <id>", "only the notes of this project")
        .option("--tag <tag>", "only notes with this tag")
        .option("--personal", "only your personal notes (in no project)")
        .option("--json", "print the page as JSON ({ items, nextCursor })"),
    ),
    [
      "mosaic note list",
      "mosaic note list --project <id> --tag design",
      "mosaic note list --personal --all --json",
      "mosaic note list --source all",
    ],
  ).action(async (opts: ListOptions, command: Command) => {
    const { client } = sessionOf(command);
    const filters = {
      ...sourceQuery(opts),
      projectId: opts.project === undefined ? undefined : idArg(opts.project, "--project"),
      tag: opts.tag,
      personal: opts.personal ? "true" : undefined,
    };
    const page = await fetchPage(client, "/api/notes", NotePage, opts, filters);
    if (opts.json) return printJson(page);
    warnPartial(page);
    if (page.items.length === 0) {
      process.stdout.write("no notes — create one with `mosaic note create --title …`\n");
      return;
    }
    printTable(
      ...sourceColumns(opts, ["ID", "PROJECT", "TAGS", "UPDATED", "TITLE"], page.items, (n) => [
        n.id,
        n.projectId ?? "personal",
        n.tags.join(",") || "-",
        shortDate(n.updatedAt),
        oneLine(n.title, 50),
      ]),
    );
    const flags = [
      opts.source === undefined ? "" : ` --source ${opts.source}`,
      opts.project === undefined ? "" : ` --project ${opts.project}`,
      opts.tag === undefined ? "" : ` --tag ${opts.tag}`,
      opts.personal ? " --personal" : "",
      opts.limit === undefined ? "" : ` --limit ${opts.limit}`,
    ];
    printMoreHint(page, `mosaic note list${flags.join("")}`);
  });

  withExamples(
    addSourceOption(note.command("show"))
      .description("show one note: its fields, then its body")
      .argument("<id>", "note id")
      .option("--json", "print the note as JSON"),
    ["mosaic note show <id>", "mosaic note show <id> --json", "mosaic note show <id> --source all"],
  ).action(async (id: string, opts: { json?: boolean } & SourceOptions, command: Command) => {
    const { client } = sessionOf(command);
    const answer = await client.json("GET", `/api/notes/${idArg(id, "note id")}`, SourcedNoteResponse, {
      query: sourceQuery(opts),
    });
    if (opts.json) return printJson(answer);
    warnPartial(answer);
    printNote(answer.note, false);
  });

  withExamples(
    addFieldOptions(
      note
        .command("create")
        .description("create a note: personal, or in a project with --project")
        .requiredOption("--title <title>", "the title")
        .option("--project <id>", "the project (omitted: a personal note only you can read)"),
    ).option("--json", "print the created note as JSON"),
    [
      'mosaic note create --title "Meeting notes" --tag meeting,q3 --body-file notes.md',
      'echo "# Ideas" | mosaic note create --title Ideas --project <id> --body-file -',
    ],
  ).action(async (opts: FieldOptions & { project?: string }, command: Command) => {
    const projectId = opts.project === undefined ? undefined : idArg(opts.project, "--project");
    const body = await noteBody(opts);
    const { client } = sessionOf(command);
    const path = projectId ? `/api/projects/${projectId}/notes` : "/api/notes";
    const { note: n } = await client.json("POST", path, NoteResponse, { body });
    printNote(n, opts.json);
  });

  withExamples(
    addFieldOptions(
      note
        .command("update")
        .description('change a note\'s title, tags or body (--tag "" clears the tags)')
        .argument("<id>", "note id")
        .option("--title <title>", "the new title"),
    ).option("--json", "print the updated note as JSON"),
    ['mosaic note update <id> --title "Renamed" --tag a,b', "mosaic note update <id> --body-file new.md"],
  ).action(async (id: string, opts: FieldOptions, command: Command) => {
    const noteId = idArg(id, "note id");
    const body = await noteBody(opts);
    if (Object.keys(body).length === 0)
      throw new CliError("nothing to update: pass --title, --tag or --body-file (see --help)", EXIT.usage);
    const { client } = sessionOf(command);
    const { note: n } = await client.json("PATCH", `/api/notes/${noteId}`, NoteResponse, { body });
    printNote(n, opts.json);
  });

  withExamples(
    note
      .command("edit")
      .description("edit a note's body in $VISUAL / $EDITOR (default vi); saves only if the text changed")
      .argument("<id>", "note id")
      .option("--json", "print the note as JSON afterwards"),
    ["mosaic note edit <id>", "EDITOR=nano mosaic note edit <id>"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const noteId = idArg(id, "note id");
    const { client } = sessionOf(command);
    const { note: before } = await client.json("GET", `/api/notes/${noteId}`, NoteResponse);
    const edited = editInEditor(before.body);
    if (edited === before.body) {
      if (opts.json) return printJson({ note: before });
      process.stderr.write("no change — nothing saved\n");
      return;
    }
    const { note: after } = await client.json("PATCH", `/api/notes/${noteId}`, NoteResponse, {
      body: { body: edited },
    });
    if (opts.json) return printJson({ note: after });
    process.stdout.write(`saved "${oneLine(after.title, 60)}"\n`);
  });

  withExamples(
    note
      .command("delete")
      .description("delete a note (asks first on a terminal)")
      .argument("<id>", "note id")
      .option("--yes", "do not ask for confirmation (needed without a terminal)")
      .option("--json", "print the result as JSON"),
    ["mosaic note delete <id>", "mosaic note delete <id> --yes --json"],
  ).action(async (id: string, opts: { yes?: boolean; json?: boolean }, command: Command) => {
    const { client } = sessionOf(command);
    const noteId = idArg(id, "note id");
    if (!opts.yes) {
      const { note: n } = await client.json("GET", `/api/notes/${noteId}`, NoteResponse);
      await confirmOrRefuse(`Delete note "${oneLine(n.title, 60)}"?`, "refusing to delete without confirmation");
    }
    await client.empty("DELETE", `/api/notes/${noteId}`);
    printDone(opts.json, { id: noteId, deleted: true }, `deleted note ${noteId}`);
  });
}

function addFieldOptions(command: Command): Command {
  return command
    .option("--tag <tags>", "comma-separated tags (a,b)")
    .option("--body-file <file>", "the markdown body from a file, or - for stdin");
}

async function noteBody(opts: FieldOptions): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  if (opts.title !== undefined) body.title = opts.title;
  if (opts.tag !== undefined)
    body.tags = opts.tag
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
  if (opts.bodyFile !== undefined) body.body = await readBody(opts.bodyFile);
  return body;
}

async function readBody(file: string): Promise<string> {
  if (file === "-") {
    if (process.stdin.isTTY)
      throw new CliError("`--body-file -` reads the body from stdin, but stdin is a terminal — pipe it in", EXIT.usage);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new CliError(`cannot read ${file} (${code}) — pass a markdown file, or - for stdin`, EXIT.usage);
  }
}

function printNote(n: NoteView & { _source?: string | undefined }, json: boolean | undefined): void {
  if (json) {
    printJson({ note: n });
    return;
  }
  process.stdout.write(
    `${keyValues([
      ...(n._source === undefined ? [] : [["source", n._source] as [string, string]]),
      ["id", n.id],
      ["title", n.title],
      ["project", n.projectId ?? "personal"],
      ["tags", n.tags.join(", ") || "-"],
      ["created", shortDate(n.createdAt)],
      ["updated", shortDate(n.updatedAt)],
    ])}\n\n${n.body}${n.body.endsWith("\n") || n.body === "" ? "" : "\n"}`,
  );
}
