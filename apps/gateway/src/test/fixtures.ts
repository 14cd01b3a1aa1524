/** @module Test fixtures for the gateway: a config on a temp MOSAIC_HOME and a real PGlite store. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type MosaicConfig } from "@mosaic/config";
import { openPgliteStore, type Store } from "@mosaic/db";

export function tempHome(prefix = "mosaic-gw-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function localConfig(env: Record<string, string> = {}): MosaicConfig {
  return loadConfig({ MOSAIC_HOME: tempHome(), ...env });
}

export async function localStore(config: MosaicConfig): Promise<Store> {
  return openPgliteStore({ dataDir: config.storage.dataDir });
}
