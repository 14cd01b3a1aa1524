import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "@mosaic/db";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { localConfig, localStore } from "./test/fixtures.js";

const config = localConfig();
let store: Store;
let app: FastifyInstance;
let bare: FastifyInstance;

beforeAll(async () => {
  store = await localStore(config);
  const webDir = mkdtempSync(join(tmpdir(), "mosaic-web-"));
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "index.html"), '<!doctype html><div id="root"></div>');
  writeFileSync(join(webDir, "assets", "app-abc123.js"), "console.log(1)");
  app = await buildApp({ config, store, logger: false, webDir });
  bare = await buildApp({ config, store, logger: false, webDir: join(webDir, "missing") });
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await store.close();
});

const html = { accept: "text/html,application/xhtml+xml" };

describe("the web dashboard", () => {
  it("is served at /, never cached, and its hashed assets are cached forever", async () => {
    const page = await app.inject({ method: "GET", url: "/", headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers["cache-control"]).toBe("no-cache");
    const asset = await app.inject({ method: "GET", url: "/assets/app-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toMatch(/immutable/);
  });

  it("answers deep links with the app, but unknown files and API paths with the JSON 404", async () => {
    const deep = await app.inject({ method: "GET", url: "/projects/123?tab=kanban", headers: html });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const missingFile = await app.inject({ method: "GET", url: "/assets/nope.js", headers: html });
    expect(missingFile.statusCode).toBe(404);
    expect(missingFile.json().error.code).toBe("not_found");
    const api = await app.inject({ method: "GET", url: "/api/nope", headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("not_found");
    const post = await app.inject({ method: "POST", url: "/projects", headers: html });
    expect(post.statusCode).toBe(404);
  });

  it("says how to build it when it has not been built", async () => {
    const res = await bare.inject({ method: "GET", url: "/", headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/has not been built/);
  });
});
