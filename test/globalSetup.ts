/**
 * Finds the real services the standalone/federated suites need. Outside CI a missing service makes
 * those suites skip with one line saying what to start; in CI (CI=true) it fails the run.
 */
import { probePostgres, probeValkey } from "@mosaic/db";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    valkeyUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const postgresUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const valkeyUrl = process.env.VALKEY_URL || "redis://127.0.0.1:6379";
  const [pgCheck, kvCheck] = await Promise.all([probePostgres(postgresUrl, 3_000), probeValkey(valkeyUrl, 3_000)]);
  const missing: string[] = [];
  if (pgCheck.status !== "ok") missing.push(`PostgreSQL (${pgCheck.detail})`);
  if (kvCheck.status !== "ok") missing.push(`Redis/Valkey (${kvCheck.detail})`);
  if (missing.length) {
    const line = `real-service suites: ${missing.join("; ")} — run scripts/services.sh or set DATABASE_URL / VALKEY_URL`;
    if (process.env.CI === "true") throw new Error(`CI must run every suite, but ${line}`);
    process.stderr.write(`\n[skip] ${line}\n\n`);
  }
  project.provide("postgresUrl", pgCheck.status === "ok" ? postgresUrl : null);
  project.provide("valkeyUrl", kvCheck.status === "ok" ? valkeyUrl : null);
}
