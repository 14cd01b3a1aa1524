/**
 * @module `mosaic gateway start` itself. `npm run build` bundles this module with the gateway
 * (scripts/bundleGateway.mjs → apps/gateway/bundle/cliStart.js), and the `mosaic` shim loads that
 * bundle straight away for a plain `mosaic gateway start [--port p] [--host h]`: the command tree
 * and the gateway would otherwise each load their own copy of the config and contracts modules.
 * It reports its own errors, so a ConfigError of the bundle's copy still exits 2.
 */
import { loadConfig } from "@mosaic/config";
import { startGateway, stopOnSignals } from "@mosaic/gateway";
import { reportError } from "./output.js";
import type { StartOptions } from "./startArgs.js";

/** Starts the gateway in this process and prints where; on failure prints why and sets the exit code. */
export async function startCommand(opts: StartOptions): Promise<void> {
  try {
    const config = loadConfig({
      ...process.env,
      ...(opts.port ? { MOSAIC_PORT: opts.port } : {}),
      ...(opts.host ? { MOSAIC_HOST: opts.host } : {}),
    });
    const running = await startGateway(config);
    const where = config.storage.tier === "local" ? config.storage.dataDir : running.store.target;
    process.stderr.write(
      `Mosaic gateway on ${running.url} (tier ${config.storage.tier}, data ${where}) — Ctrl-C stops it\n`,
    );
    stopOnSignals(running, config);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
