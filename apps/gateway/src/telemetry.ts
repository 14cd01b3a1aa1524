/** @module OpenTelemetry: one SERVER span per request, W3C traceparent in and out; off unless configured. */
import type { Span, TracerProvider } from "@opentelemetry/api";
import type { BasicTracerProvider, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { FastifyInstance, FastifyRequest } from "fastify";

const spans = new WeakMap<FastifyRequest, Span>();

export interface Tracing {
  provider: BasicTracerProvider;
  shutdown(): Promise<void>;
}

/**
 * A tracer provider exporting over OTLP/HTTP to `endpoint`, or null when tracing is off. The SDK
 * is imported only when tracing is on: a gateway without it starts faster.
 */
export async function createTracing(options: {
  endpoint: string | null;
  serviceName: string;
}): Promise<Tracing | null> {
  if (!options.endpoint) return null;
  const url = `${options.endpoint.replace(/\/$/, "")}/v1/traces`;
  const [{ OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/sdk-trace-base"),
  ]);
  return tracingWith(new BatchSpanProcessor(new OTLPTraceExporter({ url })), options.serviceName);
}

/** A provider around any span processor (tests pass an in-memory exporter). */
export async function tracingWith(processor: SpanProcessor, serviceName: string): Promise<Tracing> {
  const [{ BasicTracerProvider }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/sdk-trace-base"),
    import("@opentelemetry/resources"),
  ]);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [processor],
  });
  return { provider, shutdown: () => provider.shutdown() };
}

const headerGetter = {
  keys: (carrier: FastifyRequest["headers"]) => Object.keys(carrier),
  get: (carrier: FastifyRequest["headers"], key: string) => carrier[key] as string | string[] | undefined,
};

/**
 * Wraps every request in a SERVER span named `METHOD /route/:pattern`, and registers the W3C
 * propagator globally so outgoing clients inject traceparent. Imported here, only when tracing is on.
 */
export async function registerTracing(app: FastifyInstance, provider: TracerProvider): Promise<void> {
  const [{ context, propagation, SpanKind, SpanStatusCode, trace }, { W3CTraceContextPropagator }] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/core"),
  ]);
  const propagator = new W3CTraceContextPropagator();
  propagation.setGlobalPropagator(propagator);
  const tracer = provider.getTracer("mosaic-gateway");
  app.addHook("onRequest", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const parent = propagator.extract(context.active(), request.headers, headerGetter);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          "http.request.method": request.method,
          "http.route": route,
          "url.path": request.url.split("?")[0] ?? "/",
          "mosaic.request_id": String(request.id),
        },
      },
      parent,
    );
    spans.set(request, span);
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(context.active(), span), carrier, {
      set: (c, k, v) => {
        c[k] = v;
      },
    });
    if (carrier.traceparent) reply.header("traceparent", carrier.traceparent);
  });
  app.addHook("onResponse", async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute("http.response.status_code", reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
