/**
 * @module `--source` on the read commands: where a read goes (this gateway, one peer, or all), the
 * SOURCE column, and the "partial:" warning when a peer did not answer (docs/federation/READING.md).
 */
import { type SourceError, SourceSelector } from "@mosaic/contracts";
import type { Command } from "commander";
import { CliError, EXIT } from "../output.js";

export interface SourceOptions {
  source?: string;
}

export function addSourceOption(command: Command): Command {
  return command.option(
    "--source <source>",
    "local (default), all, or federated:<peer> — read through this gateway's peers (admins only)",
  );
}

/** The `source` query parameter, checked before any request; absent for the default (local). */
export function sourceQuery(opts: SourceOptions): { source?: string } {
  if (opts.source === undefined) return {};
  const parsed = SourceSelector.safeParse(opts.source);
  if (!parsed.success) {
    throw new CliError(
      `--source must be local, all or federated:<peer> (got "${opts.source}") — list peers with \`mosaic federation peer list\``,
      EXIT.usage,
    );
  }
  return parsed.data === "local" ? {} : { source: parsed.data };
}

/** Whether tables get a SOURCE column: only when the read went beyond this gateway. */
export function showsSource(opts: SourceOptions): boolean {
  return sourceQuery(opts).source !== undefined;
}

/** Prepends SOURCE to a table when the read went through peers. */
export function sourceColumns<T extends { _source?: string | undefined }>(
  opts: SourceOptions,
  headers: string[],
  items: T[],
  row: (item: T) => string[],
): [string[], string[][]] {
  if (!showsSource(opts)) return [headers, items.map(row)];
  return [["SOURCE", ...headers], items.map((item) => [item._source ?? "local", ...row(item)])];
}

/** One line on stderr per peer that did not answer; the answer itself is still printed (exit 0). */
export function warnPartial(answer: { _partial?: boolean | undefined; _errors?: SourceError[] | undefined }): void {
  if (!answer._partial) return;
  for (const error of answer._errors ?? []) {
    process.stderr.write(`partial: ${error.peer} unreachable (${error.reason})\n`);
  }
}
