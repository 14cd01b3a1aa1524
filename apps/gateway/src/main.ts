#!/usr/bin/env node
/** @module Entry point: `node apps/gateway/dist/main.js` runs the gateway with the environment's config. */
import { ConfigError, loadConfig } from "@mosaic/config";
import { isMosaicError, redactSecrets } from "@mosaic/contracts";
import { startGateway, stopOnSignals } from "./start.js";

try {
  const config = loadConfig(process.env);
  const gateway = await startGateway(config);
  stopOnSignals(gateway, config);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`mosaic: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `mosaic: ${redactSecrets(isMosaicError(err) ? err.message : String((err as Error).stack ?? err))}\n`,
  );
  process.exit(3);
}
