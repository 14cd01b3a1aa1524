/** @module `npm run openapi`: regenerates the committed apps/gateway/openapi.json from the routes. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@mosaic/config";
import { openPgliteStore } from "@mosaic/db";
import { buildApp } from "./app.js";
import { serializeOpenApi } from "./openapi.js";

const home = mkdtempSync(join(tmpdir(), "mosaic-openapi-"));
const config = loadConfig({ MOSAIC_HOME: home });
const store = await openPgliteStore({ dataDir: config.storage.dataDir });
const app = await buildApp({ config, store, logger: false });
await app.ready();
const target = new URL("../openapi.json", import.meta.url);
writeFileSync(target, await serializeOpenApi(app));
await app.close();
await store.close();
process.stdout.write(`wrote ${target.pathname.split("/").slice(-3).join("/")}\n`);
