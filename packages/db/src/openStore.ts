/** @module Opens the store the configured tier asks for. */
import type { MosaicConfig } from "@mosaic/config";
import { openPgliteStore, openPostgresStore, type Store } from "./store.js";

export function openStore(config: MosaicConfig): Promise<Store> {
  if (config.storage.tier === "local") return openPgliteStore({ dataDir: config.storage.dataDir });
  return openPostgresStore({
    url: config.storage.url as string,
    createVector: config.storage.tier === "federated",
    connectTimeoutMs: config.probes.timeoutMs,
  });
}
