import { readFileSync } from "node:fs";
import type { Store } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { serializeOpenApi } from "./openapi.js";
import { localConfig, localStore } from "./test/fixtures.js";

let app: FastifyInstance;
let store: Store;
beforeAll(async () => {
  const config = localConfig();
  store = await localStore(config);
  app = await buildApp({ config, store, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe("OpenAPI", () => {
  it("the committed apps/gateway/openapi.json matches the routes (run `npm run openapi` after changing them)", async () => {
    const committed = readFileSync(new URL("../openapi.json", import.meta.url), "utf8");
    expect(await serializeOpenApi(app)).toBe(committed);
  });

  it("is served at /api/openapi.json and browsable at /api/docs", async () => {
    const doc = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Mosaic gateway API" } });
    expect(Object.keys(doc.json().paths)).toContain("/ready");
    const ui = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger-ui/i);
  });
});
