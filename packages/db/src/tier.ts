/** @module The tier detector: probes every service the configured tier needs, in parallel. */
import type { MosaicConfig } from "@mosaic/config";
import { type DoctorReport, MosaicError, overallOf, type ServiceCheck } from "@mosaic/contracts";
import { probePgliteDir, probePgvector, probePostgres, probeValkey } from "./probes.js";

/**
 * Probes the tier's services (each bounded by `probes.timeoutMs`) and sums them up as a report.
 * `informational: false` (the gateway's boot) skips probes of services the tier doesn't need, which
 * only `mosaic doctor` reports: on standalone, pgvector's trial CREATE EXTENSION.
 */
export async function detectTier(
  config: MosaicConfig,
  options: { informational?: boolean } = {},
): Promise<DoctorReport> {
  const timeout = config.probes.timeoutMs;
  const tier = config.storage.tier;
  const jobs: Array<Promise<ServiceCheck>> = [];
  const required = (p: Promise<Omit<ServiceCheck, "required">> | Omit<ServiceCheck, "required">, req = true) =>
    jobs.push(Promise.resolve(p).then((c) => ({ ...c, required: req })));

  if (tier === "local") {
    required(probePgliteDir(config.storage.dataDir));
    required({
      service: "pgvector",
      status: "ok",
      latencyMs: 0,
      target: null,
      detail: "pgvector bundled with PGlite",
      fix: null,
    });
  } else {
    const url = config.storage.url as string;
    required(probePostgres(url, timeout));
    if (tier === "federated") {
      required(probePgvector(url, timeout));
    } else if (options.informational !== false) {
      // Not needed on standalone (search falls back to full-text); reported for information only.
      required(
        probePgvector(url, timeout).then((c) =>
          c.status === "ok"
            ? c
            : { ...c, status: "ok" as const, detail: `${c.detail} (not needed by the standalone tier)`, fix: null },
        ),
        false,
      );
    }
  }
  if (config.queue.type === "valkey" && config.queue.url) {
    required(probeValkey(config.queue.url, timeout));
  }

  const services = await Promise.all(jobs);
  if (config.warnings.length) {
    services.unshift({
      service: "config",
      required: true,
      status: "warn",
      latencyMs: null,
      target: config.configFile,
      detail: config.warnings.join("; "),
      fix: "update mosaic.config.json or the environment as the warning says",
    });
  }
  const pgvector = services.some((s) => s.service === "pgvector" && s.status === "ok" && !/not needed/.test(s.detail));
  return { tier, overall: overallOf(services), pgvector, services, warnings: config.warnings };
}

/**
 * Refuses to start when a required service failed: one actionable line per failure, naming the
 * service and the fix. Credentials are already redacted by the probes.
 */
export function assertTierReady(report: DoctorReport): void {
  const failed = report.services.filter((s) => s.required && s.status === "fail");
  if (failed.length === 0) return;
  const lines = failed.map((s) => `${s.service}: ${s.detail} — fix: ${s.fix ?? "see mosaic gateway doctor"}`);
  throw new TierNotReadyError(report, lines);
}

export class TierNotReadyError extends MosaicError {
  readonly report: DoctorReport;
  readonly lines: string[];
  constructor(report: DoctorReport, lines: string[]) {
    super("service_unavailable", `the ${report.tier} tier is not ready:\n${lines.map((l) => `  ${l}`).join("\n")}`);
    this.name = "TierNotReadyError";
    this.report = report;
    this.lines = lines;
  }
}
