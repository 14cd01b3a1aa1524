import { Writable } from "node:stream";
import type { Store } from "@mosaic/db";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildApp } from "./app.js";
import { tracingWith } from "./telemetry.js";
import { localConfig, localStore } from "./test/fixtures.js";

const config = localConfig();
let store: Store;
let app: FastifyInstance;
const logLines: string[] = [];
const exporter = new InMemorySpanExporter();
const tracing = await tracingWith(new SimpleSpanProcessor(exporter), "mosaic-test");

beforeAll(async () => {
  store = await localStore(config);
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({ config, store, tracerProvider: tracing.provider, logStream });
  // Routes that exist only in this test, to drive the shared error handler.
  app.get("/test/boom", { config: { auth: "public" } }, async () => {
    throw new Error("cannot reach postgres://mosaic:hunter2@db.internal:5432/brain");
  });
  app.withTypeProvider<ZodTypeProvider>().post(
    "/test/echo",
    {
      config: { auth: "public" },
      schema: { body: z.strictObject({ name: z.string().max(10), tags: z.array(z.string()) }) },
    },
    async (request) => request.body,
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  await tracing.shutdown();
});

describe("liveness and readiness", () => {
  it("GET /health answers ok", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("GET /ready probes the store", async () => {
    const res = await app.inject({ method: "GET", url: "/ready" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "ready",
      tier: "local",
      services: [{ service: "pglite", status: "ok", detail: "PGlite open" }],
    });
  });

  it("GET /ready answers 503 naming the service when the store is gone", async () => {
    const cfg = localConfig();
    const s = await localStore(cfg);
    const a = await buildApp({ config: cfg, store: s, logger: false });
    await s.close();
    const res = await a.inject({ method: "GET", url: "/ready" });
    await a.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: "unavailable", services: [{ service: "pglite", status: "fail" }] });
  });
});

describe("the error envelope", () => {
  it("404 for an unknown route, with the request id in body and header", async () => {
    const res = await app.inject({ method: "GET", url: "/nope?x=1" });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toEqual({
      error: { code: "not_found", message: "no route GET /nope", requestId: res.headers["x-request-id"] },
    });
  });

  it("keeps a well-formed incoming x-request-id and replaces a malformed one", async () => {
    const kept = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "abc-123" } });
    expect(kept.headers["x-request-id"]).toBe("abc-123");
    const replaced = await app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-request-id": "bad id\u0000<script>" },
    });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("400 validation_error naming each field path", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/test/echo",
      payload: { name: "x".repeat(11), tags: [1], extra: true },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("validation_error");
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.tags.0"]));
    expect(error.details.some((d: { message: string }) => /extra/.test(d.message))).toBe(true);
  });

  it("400 for a body that is not JSON, 413 for an oversized one, 415 for an unknown media type", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: "{nope",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("validation_error");
    const big = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: `"${"x".repeat(1_100_000)}"`,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe("payload_too_large");
    const odd = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/x-odd" },
      payload: "x",
    });
    expect(odd.statusCode).toBe(415);
    expect(odd.json().error.code).toBe("unsupported_media_type");
  });

  it("500 hides the cause from the client and logs it without the password", async () => {
    const res = await app.inject({ method: "GET", url: "/test/boom" });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: "internal", requestId: res.headers["x-request-id"] });
    expect(res.body).not.toContain("postgres");
    const log = logLines.join("");
    expect(log).toContain("postgres://***@db.internal:5432/brain");
    expect(log).not.toContain("hunter2");
  });

  it("never logs the authorization header", async () => {
    await app.inject({ method: "GET", url: "/health", headers: { authorization: "Bearer mos_supersecretvalue" } });
    await app.inject({ method: "GET", url: "/nope", headers: { authorization: "Bearer mos_supersecretvalue" } });
    expect(logLines.join("")).not.toContain("supersecretvalue");
  });
});

describe("tracing", () => {
  it("a request produces a SERVER span named after the route, continuing the caller's trace", async () => {
    exporter.reset();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const res = await app.inject({
      method: "GET",
      url: "/ready",
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    await tracing.provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const span = spans[0];
    expect(span?.name).toBe("GET /ready");
    expect(span?.kind).toBe(1); // SpanKind.SERVER
    expect(span?.attributes["http.route"]).toBe("/ready");
    expect(span?.attributes["http.response.status_code"]).toBe(200);
    expect(span?.spanContext().traceId).toBe(traceId);
  });
});
