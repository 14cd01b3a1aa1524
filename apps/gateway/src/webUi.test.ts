import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { Store } from "@mosaic/db";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { localConfig, localStore } from "./test/fixtures.js";

const config = localConfig();
let store: Store;
let app: FastifyInstance;
let bare: FastifyInstance;
let eager: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  store = await localStore(config);
  webDir = mkdtempSync(join(tmpdir(), "mosaic-web-"));
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "index.html"), '<!doctype html><div id="root"></div>');
  writeFileSync(join(webDir, "assets", "app-abc123.js"), "console.log(1)");
  app = await buildApp({ config, store, logger: false, webDir });
  bare = await buildApp({ config, store, logger: false, webDir: join(webDir, "missing") });
  // @fastify/static registered at boot with the gateway's options: what the lazy serving must match.
  eager = Fastify({ logger: false });
  await eager.register(fastifyStatic, {
    root: webDir,
    prefix: "/",
    index: ["index.html"],
    setHeaders(res, path) {
      res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await eager.close();
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

  it("serves files as @fastify/static registered at boot would, though it loads on the first file request", async () => {
    const asset = await eager.inject({ method: "GET", url: "/assets/app-abc123.js" });
    const requests = [
      { method: "HEAD", url: "/assets/app-abc123.js" },
      { method: "GET", url: "/assets/app-abc123.js" },
      { method: "GET", url: "/assets/app-abc123.js", headers: { range: "bytes=2-5" } },
      { method: "GET", url: "/assets/app-abc123.js", headers: { "if-none-match": String(asset.headers.etag) } },
      { method: "GET", url: "/index.html" },
      { method: "GET", url: "/" },
    ] as const;
    const comparable = (res: Awaited<ReturnType<FastifyInstance["inject"]>>) => {
      const { date: _date, "x-request-id": _id, ...headers } = res.headers;
      return { status: res.statusCode, headers, body: res.body };
    };
    for (const request of requests) {
      const expected = comparable(await eager.inject(request));
      expect(comparable(await app.inject(request)), `${request.method} ${request.url}`).toEqual(expected);
    }
    writeFileSync(join(webDir, "assets", "later.css"), "body{}");
    const later = await app.inject({ method: "GET", url: "/assets/later.css" });
    expect(later.statusCode).toBe(200);
    expect(later.headers["content-type"]).toMatch(/text\/css/);
  });
});
