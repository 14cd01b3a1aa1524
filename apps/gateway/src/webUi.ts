/** @module Serves the built web dashboard (apps/web/dist) at `/`, with SPA fallback for its routes. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// Types only (reply.sendFile): the plugin itself loads on the first request for a file.
import type {} from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";

/** Where `npm run build` puts the dashboard, relative to this package (src/ or dist/ alike). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../web/dist/", import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mosaic</title></head>
<body><h1>Mosaic</h1><p>The gateway is running, but the web dashboard has not been built.
Run <code>npm run build</code> (or <code>npm start</code>) in the repository, then reload.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Registers the static files. Returns the fallback for unknown GETs: the SPA's index.html for
 * page routes (so /projects/… deep links work), or null to let the JSON 404 answer.
 */
export async function registerWebUi(
  app: FastifyInstance,
  webDir: string = DEFAULT_WEB_DIR,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const built = existsSync(join(webDir, "index.html"));
  if (built) {
    const serving = lazyStatic(app, {
      root: webDir,
      prefix: "/",
      index: ["index.html"],
      setHeaders(res: { header(name: string, value: string): void }, path: string) {
        // Hashed asset names can be cached forever; index.html must be re-checked every time.
        res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
    // The route @fastify/static would add (HEAD and GET /*, hidden from the docs), answered by its
    // own handler once loaded; a request the socket drops mid-file is not an error to report.
    app.route({
      method: ["HEAD", "GET"],
      url: "/*",
      config: { auth: "public" },
      schema: { hide: true },
      errorHandler(error, request, reply) {
        if ((error as { code?: string } | undefined)?.code === "ERR_STREAM_PREMATURE_CLOSE") {
          request.raw.destroy();
          return;
        }
        return app.errorHandler(error, request, reply);
      },
      handler: async function (request, reply) {
        const { handler } = await serving();
        return handler.call(this, request, reply);
      },
    });
    app.decorateReply("sendFile", function (this: FastifyReply, ...args: unknown[]) {
      serving().then(
        ({ sendFile }) => sendFile.apply(this, args),
        (err: unknown) => this.send(err),
      );
      return this;
    });
  } else {
    app.get("/", { config: { auth: "public" }, schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(NOT_BUILT),
    );
  }

  return (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const wantsPage =
      request.method === "GET" &&
      !path.startsWith("/api/") &&
      !/\.[a-z0-9]+$/i.test(path) &&
      (request.headers.accept ?? "").includes("text/html");
    if (!wantsPage) return false;
    if (built) void reply.header("cache-control", "no-cache").sendFile("index.html");
    else void reply.type("text/html; charset=utf-8").send(NOT_BUILT);
    return true;
  };
}

interface StaticServing {
  handler: RouteHandlerMethod;
  sendFile: (this: FastifyReply, ...args: unknown[]) => FastifyReply;
}

/**
 * @fastify/static (with glob and its send machinery) costs tens of ms of a cold start that only
 * answers the API: it loads on the first request for a file. Its plugin function runs once against
 * a stand-in that keeps the wildcard route's handler and the `sendFile` decorator it defines, so
 * files are served by the plugin's own code, exactly as if it had been registered at boot.
 */
function lazyStatic(app: FastifyInstance, options: Record<string, unknown>): () => Promise<StaticServing> {
  let loading: Promise<StaticServing> | null = null;
  return () => {
    loading ??= (async () => {
      // The default export: the only one an ESM bundle (apps/gateway/bundle) gives a CommonJS package.
      const { default: fastifyStatic } = await import("@fastify/static");
      let handler: RouteHandlerMethod | undefined;
      const decorators = new Map<string, StaticServing["sendFile"]>();
      const standIn = {
        log: app.log,
        get errorHandler() {
          return app.errorHandler;
        },
        decorateReply(name: string, fn: StaticServing["sendFile"]) {
          decorators.set(name, fn);
        },
        route(route: { url?: string; path?: string; handler: RouteHandlerMethod }) {
          if ((route.url ?? route.path) === "/*") handler = route.handler;
        },
      };
      await (fastifyStatic as unknown as (instance: object, opts: object) => Promise<void>)(standIn, { ...options });
      const sendFile = decorators.get("sendFile");
      if (!handler || !sendFile) throw new Error("@fastify/static did not define its file route");
      return { handler, sendFile };
    })();
    // A failed load is retried by the next request rather than remembered.
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}
