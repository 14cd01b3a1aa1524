/** @module Pieces every API command group shares: examples in help, --json, pagination, id arguments. */
import type { Command } from "commander";
import type { GatewayClient, Parser, Query } from "../client.js";
import { examplesText } from "../format.js";
import { CliError, EXIT, printJson } from "../output.js";

/** Adds the examples block to a command's --help. Every API command has one. */
export function withExamples(command: Command, lines: string[]): Command {
  return command.addHelpText("after", examplesText(lines));
}

/** Parses an answer shaped `{ [key]: T }` with the contract schema of T. */
export function inField<K extends string, T>(key: K, parser: Parser<T>): Parser<{ [P in K]: T }> {
  return {
    parse(input: unknown) {
      if (typeof input !== "object" || input === null || !(key in input)) throw new Error(`no "${key}" field`);
      return { [key]: parser.parse((input as Record<string, unknown>)[key]) } as { [P in K]: T };
    },
  };
}

export interface PageOptions {
  limit?: string;
  cursor?: string;
  all?: boolean;
}

export function addPageOptions(command: Command): Command {
  return command
    .option("--limit <n>", "items per page, 1–100 (default 20)")
    .option("--cursor <cursor>", "continue from the cursor a previous page printed")
    .option("--all", "follow every page (ignores --limit and --cursor)");
}

export function limitOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new CliError(`--limit must be a whole number from 1 to 100 (got "${raw}")`, EXIT.usage);
  }
  return n;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Set on reads through peers (`--source`) when a peer did not answer. */
  _partial?: boolean | undefined;
  _errors?: Array<{ peer: string; reason: string }> | undefined;
}

/**
 * One page, or with --all every page (100 at a time) joined, as `{ items, nextCursor }` (plus the
 * partial markers of every page, each failed peer once).
 */
export async function fetchPage<T>(
  client: GatewayClient,
  path: string,
  schema: Parser<Page<T>>,
  opts: PageOptions,
  filters: Query = {},
): Promise<Page<T>> {
  if (!opts.all) {
    return client.json("GET", path, schema, { query: { ...filters, limit: limitOf(opts.limit), cursor: opts.cursor } });
  }
  const items: T[] = [];
  const errors = new Map<string, { peer: string; reason: string }>();
  let cursor: string | undefined;
  do {
    const page = await client.json("GET", path, schema, { query: { ...filters, limit: 100, cursor } });
    items.push(...page.items);
    for (const error of page._errors ?? []) if (!errors.has(error.peer)) errors.set(error.peer, error);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return errors.size > 0
    ? { items, nextCursor: null, _partial: true, _errors: [...errors.values()] }
    : { items, nextCursor: null };
}

/** Under a table: how to get the next page (stderr, so piping the table stays clean). */
export function printMoreHint(page: Page<unknown>, commandLine: string): void {
  if (page.nextCursor) process.stderr.write(`more: ${commandLine} --cursor ${page.nextCursor}  (or --all)\n`);
}

/** For answers with no body (delete, revoke, leave): what happened, as JSON or a line. */
export function printDone(json: boolean | undefined, result: Record<string, unknown>, line: string): void {
  if (json) printJson(result);
  else process.stdout.write(`${line}\n`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an id argument before any request, so a typo is a usage error naming the argument. */
export function idArg(raw: string, what: string): string {
  if (!UUID.test(raw.trim())) {
    throw new CliError(
      `${what} must be an id (a UUID like 0b9c…-…), got "${raw}" — list them with the list command`,
      EXIT.usage,
    );
  }
  return raw.trim().toLowerCase();
}

export function isUuid(raw: string): boolean {
  return UUID.test(raw.trim());
}
