/** @module /health (liveness: the process answers) and /ready (the tier's services answer). */
import { describeUrl, HealthResponse, overallOf, ReadyResponse, type ServiceCheck } from "@mosaic/contracts";
import { type FastifyPluginAsyncZod, serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import type { GatewayDeps } from "../../app.js";

const HEALTH_BODY = JSON.stringify({ status: "ok" });

export function healthRoutes(deps: GatewayDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/health",
      {
        config: { auth: "public" },
        logLevel: "warn",
        schema: { response: { 200: HealthResponse } },
        serializerCompiler: () => (x) => x as string,
      },
      async (_request, reply) => {
        // Pre-serialised: liveness must cost as little as a bare HTTP answer.
        return reply.type("application/json; charset=utf-8").send(HEALTH_BODY as never);
      },
    );

    app.get(
      "/ready",
      {
        config: { auth: "public" },
        logLevel: "warn",
        schema: { response: { 200: ReadyResponse, 503: ReadyResponse } },
        // zod's own serializer (already loaded), not fast-json-stringify: the readiness probe is
        // the first answer of a starting gateway and shouldn't wait for ajv to load.
        serializerCompiler: zodSerializerCompiler as never,
      },
      async (_request, reply) => {
        await deps.failpoint("ready.delay");
        const services = await checkServices(deps);
        const ready = overallOf(services) !== "red";
        return reply.status(ready ? 200 : 503).send({
          status: ready ? "ready" : "unavailable",
          tier: deps.config.storage.tier,
          services,
        });
      },
    );
  };
}

async function checkServices(deps: GatewayDeps): Promise<ServiceCheck[]> {
  const timeoutMs = deps.config.probes.timeoutMs;
  const checks: Array<Promise<ServiceCheck>> = [
    timed(deps.store.driver === "pglite" ? "pglite" : "postgres", deps.store.target, timeoutMs, async () => {
      await deps.store.query("SELECT 1");
      return deps.store.driver === "pglite" ? "PGlite open" : "PostgreSQL answers";
    }),
  ];
  if (deps.redis) {
    const redis = deps.redis;
    checks.push(
      timed("valkey", deps.config.queue.url, timeoutMs, async () => {
        await redis.ping();
        return "PING answered";
      }),
    );
  }
  return Promise.all(checks);
}

async function timed(
  service: ServiceCheck["service"],
  target: string | null,
  timeoutMs: number,
  run: () => Promise<string>,
): Promise<ServiceCheck> {
  const started = performance.now();
  const shown = target ? describeUrl(target) : null;
  try {
    const detail = await Promise.race([
      run(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return {
      service,
      required: true,
      status: "ok",
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      target: shown,
      detail,
      fix: null,
    };
  } catch (err) {
    return {
      service,
      required: true,
      status: "fail",
      latencyMs: null,
      target: shown,
      detail: (err as Error).message,
      fix: "see mosaic gateway doctor",
    };
  }
}
