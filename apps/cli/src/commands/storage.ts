/** @module `mosaic storage migrate-tier`: copy the current store to PostgreSQL, one way. */
import { createInterface } from "node:readline/promises";
import { loadConfig } from "@mosaic/config";
import { describeUrl } from "@mosaic/contracts";
import type { MigrateTierReport } from "@mosaic/db";
import type { Command } from "commander";
import { examplesText } from "../format.js";
import { CliError, EXIT, printJson, printTable, progress, progressDone } from "../output.js";

interface MigrateOptions {
  to: string;
  targetUrl?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function registerStorageCommands(program: Command): void {
  const storage = program.command("storage").description("manage where the brain is stored");

  storage
    .command("migrate-tier")
    .description("copy every durable table from the current store to PostgreSQL (one way, idempotent)")
    .requiredOption("--to <tier>", "target tier: standalone | federated")
    .option("--target-url <url>", "target PostgreSQL URL (default: DATABASE_URL)")
    .option("--dry-run", "print per-table row counts and change nothing")
    .option("--yes", "do not ask for confirmation")
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      "\nSessions, verification tokens and rate-limit counters are not copied (people sign in again).\nStop the gateway first on the local tier: PGlite is single-process.\n" +
        examplesText([
          "mosaic storage migrate-tier --to standalone --target-url postgres://mosaic@db:5432/mosaic --dry-run",
          "DATABASE_URL=postgres://mosaic@db:5432/mosaic mosaic storage migrate-tier --to federated --yes",
        ]),
    )
    .action(async (opts: MigrateOptions) => {
      if (opts.to !== "standalone" && opts.to !== "federated") {
        throw new CliError(`--to must be standalone or federated (got "${opts.to}")`, EXIT.usage);
      }
      const config = loadConfig(process.env);
      const targetUrl = opts.targetUrl ?? config.storage.url;
      if (!targetUrl) {
        throw new CliError("no target: pass --target-url postgres://… or set DATABASE_URL", EXIT.usage);
      }
      if (config.storage.tier !== "local" && config.storage.url === targetUrl) {
        throw new CliError("the target is the current store; point --target-url at another database", EXIT.usage);
      }
      // Loaded here, not at the top: the database drivers are heavy and only this command needs them.
      const { migrateTier, openStore } = await import("@mosaic/db");
      const source = await openStore(config);
      try {
        if (!opts.dryRun && !opts.yes)
          await confirm(`Copy the ${config.storage.tier} store to ${describeUrl(targetUrl)} (${opts.to})?`);
        const report = await migrateTier({
          source,
          targetUrl,
          to: opts.to,
          dryRun: opts.dryRun === true,
          onProgress: (e) => {
            if (e.kind === "rows") progress(`${e.table}: ${e.done}/${e.rows} rows`);
            if (e.kind === "table-done") progressDone();
          },
        });
        if (opts.json) printJson(report);
        else printReport(report);
      } finally {
        await source.close();
      }
    });
}

async function confirm(question: string): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CliError("refusing to migrate without confirmation: pass --yes (no terminal to ask on)", EXIT.usage);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("cancelled; nothing was copied", EXIT.failure);
  } finally {
    rl.close();
  }
}

function printReport(report: MigrateTierReport): void {
  const title = report.dryRun
    ? `dry run: nothing was written to ${report.target}`
    : `copied to ${report.target} (${report.to})`;
  process.stdout.write(`${title}\n\n`);
  printTable(
    report.dryRun
      ? ["TABLE", "SOURCE ROWS", "TARGET ROWS NOW", "NOTE"]
      : ["TABLE", "SOURCE ROWS", "INSERTED", "TARGET ROWS", "NOTE"],
    report.tables.map((t) => {
      const note = t.skipped
        ? `skipped: ${t.reason}`
        : t.droppedColumns.length
          ? `not on target: ${t.droppedColumns.join(", ")}`
          : "";
      const target = t.targetRows === null ? "-" : String(t.targetRows);
      return report.dryRun
        ? [t.table, String(t.sourceRows), target, note]
        : [t.table, String(t.sourceRows), t.skipped ? "-" : String(t.inserted), target, note];
    }),
  );
  if (report.skippedEphemeral.length) {
    process.stdout.write(`\nnot migrated (ephemeral): ${report.skippedEphemeral.join(", ")}\n`);
  }
  if (!report.dryRun) {
    process.stdout.write(
      `\nrow counts verified. To run on the new store: set storage.tier to "${report.to}" and DATABASE_URL, then mosaic gateway start\n`,
    );
  }
}
