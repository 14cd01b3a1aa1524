/** @module `mosaic gateway start | doctor`. */
import { existsSync } from "node:fs";
import { loadConfig } from "@mosaic/config";
import { type DoctorReport, overallOf, redactSecrets } from "@mosaic/contracts";
import type { Command } from "commander";
import { examplesText } from "../format.js";
import { colour, EXIT, printJson, printTable } from "../output.js";
import { bundledStartCommand, type StartOptions } from "../startArgs.js";

export function registerGatewayCommands(program: Command): void {
  const gateway = program.command("gateway").description("run and inspect the gateway on this machine");

  gateway
    .command("start")
    .description("start the gateway (HTTP API, web UI) with the config in MOSAIC_HOME")
    .option("--port <port>", "HTTP port (default 4242; env MOSAIC_PORT)")
    .option("--host <host>", "address to listen on (default 127.0.0.1; env MOSAIC_HOST)")
    .addHelpText(
      "after",
      examplesText(["mosaic gateway start", "MOSAIC_HOME=/srv/mosaic mosaic gateway start --port 8080"]),
    )
    .action(async (opts: StartOptions) => {
      // Loaded here, not at the top: every other command would otherwise pay for the whole gateway.
      const { startCommand } = await loadStartCommand();
      await startCommand(opts);
    });

  gateway
    .command("doctor")
    .description("check the tier's services: status and latency of each, pgvector, overall green|yellow|red")
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      `\nExit code: 0 green, 1 yellow, 3 red.\n${examplesText(["mosaic gateway doctor", "mosaic gateway doctor --json"])}`,
    )
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig(process.env);
      const { dataDirHolder, detectTier } = await import("@mosaic/db");
      const report = await detectTier(config);
      if (config.storage.tier === "local" && dataDirHolder(config.storage.dataDir) !== null) {
        await addRunningGatewayCheck(report, `http://${config.gateway.host}:${config.gateway.port}`);
      }
      if (opts.json) printJson(report);
      else printDoctor(report);
      process.exitCode =
        report.overall === "green" ? EXIT.ok : report.overall === "yellow" ? EXIT.failure : EXIT.unavailable;
    });
}

/**
 * `gateway start` bundled with the gateway (apps/gateway/bundle, made by `npm run build`) when it
 * exists: one file set instead of ~650 modules, it starts in about half the time. Else the
 * unbundled module. The `mosaic` shim takes the bundle directly for a plain `gateway start`.
 */
async function loadStartCommand(): Promise<typeof import("../gatewayStart.js")> {
  const bundled = bundledStartCommand();
  return existsSync(bundled) ? await import(bundled.href) : await import("../gatewayStart.js");
}

/** On the local tier the gateway holds PGlite: ask it, rather than opening the data dir twice. */
async function addRunningGatewayCheck(report: DoctorReport, url: string): Promise<void> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { status?: string };
    const ok = res.status === 200 && body.status === "ready";
    replaceCheck(report, {
      service: "pglite",
      required: true,
      status: ok ? "ok" : "fail",
      latencyMs: Math.round(performance.now() - started),
      target: url,
      detail: ok ? "the running gateway reports ready" : `the running gateway answers /ready with ${res.status}`,
      fix: ok ? null : "see the gateway's log",
    });
  } catch (err) {
    replaceCheck(report, {
      service: "pglite",
      required: true,
      status: "warn",
      latencyMs: null,
      target: url,
      detail: `a gateway holds the data dir but does not answer at ${url} (${redactSecrets((err as Error).message)})`,
      fix: "check the gateway's port (MOSAIC_PORT) or restart it",
    });
  }
  report.overall = overallOf(report.services);
}

function replaceCheck(report: DoctorReport, check: DoctorReport["services"][number]): void {
  const i = report.services.findIndex((s) => s.service === check.service);
  if (i >= 0) report.services[i] = check;
  else report.services.push(check);
}

function printDoctor(report: DoctorReport): void {
  const mark = (s: string) =>
    s === "ok" ? colour.green("ok") : s === "warn" ? colour.yellow("warn") : colour.red("FAIL");
  process.stdout.write(`tier      ${report.tier}\n`);
  process.stdout.write(`pgvector  ${report.pgvector ? "yes" : "no"}\n\n`);
  printTable(
    ["SERVICE", "STATUS", "LATENCY", "TARGET", "DETAIL"],
    report.services.map((s) => [
      s.service + (s.required ? "" : " (optional)"),
      mark(s.status),
      s.latencyMs === null ? "-" : `${s.latencyMs} ms`,
      s.target ?? "-",
      s.detail,
    ]),
  );
  const fixes = report.services.filter((s) => s.fix);
  if (fixes.length) {
    process.stdout.write("\nto fix:\n");
    for (const s of fixes) process.stdout.write(`  ${s.service}: ${s.fix}\n`);
  }
  const overall = report.overall === "green" ? colour.green : report.overall === "yellow" ? colour.yellow : colour.red;
  process.stdout.write(`\noverall   ${overall(report.overall)}\n`);
}
