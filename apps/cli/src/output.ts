/** @module How the CLI speaks: tables for people, JSON for scripts, errors on stderr with exit codes. */

import { ConfigError } from "@mosaic/config";
import { type ErrorCode, isMosaicError, redactDeep, redactSecrets } from "@mosaic/contracts";

/** Exit codes, documented in docs/CLI.md. Scripts may rely on them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unavailable: 3,
  notFound: 4,
  conflict: 5,
  unauthenticated: 6,
  forbidden: 7,
} as const;

const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  validation_error: EXIT.usage,
  unauthenticated: EXIT.unauthenticated,
  forbidden: EXIT.forbidden,
  not_found: EXIT.notFound,
  conflict: EXIT.conflict,
  gone: EXIT.conflict,
  service_unavailable: EXIT.unavailable,
};

/** An error the CLI has already phrased for a person, with the exit code to leave with. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.exitCode = exitCode;
  }
}

const useColour = () => process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";
const paint = (code: string) => (text: string) => (useColour() ? `\u001b[${code}m${text}\u001b[0m` : text);
export const colour = { green: paint("32"), yellow: paint("33"), red: paint("31"), dim: paint("2"), bold: paint("1") };

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(redactDeep(value, 12), null, 2)}\n`);
}

/** Aligned columns; the header in bold on a terminal. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat((widths[i] ?? 0) - visibleLength(c))))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${colour.bold(line(headers))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}

/** Progress on stderr, only on a terminal: stdout stays clean for pipes and --json. */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[2K${text}`);
}
export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write("\r\u001b[2K");
}

/** Prints any error for a person (no stack, no credential) and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`mosaic: invalid configuration\n${err.problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return EXIT.usage;
  }
  if (err instanceof CliError) {
    process.stderr.write(`mosaic: ${redactSecrets(err.message)}\n`);
    return err.exitCode;
  }
  if (isMosaicError(err)) {
    process.stderr.write(`mosaic: ${redactSecrets(err.message)}\n`);
    return EXIT_BY_CODE[err.code] ?? EXIT.failure;
  }
  const e = err as Error;
  const message = redactSecrets(e?.message ?? String(err));
  process.stderr.write(`mosaic: ${message}\n`);
  if (process.env.MOSAIC_DEBUG && e?.stack) process.stderr.write(`${redactSecrets(e.stack)}\n`);
  return EXIT.failure;
}
