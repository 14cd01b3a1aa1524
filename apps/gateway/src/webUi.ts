/** @module Serves the built web dashboard (apps/web/dist) at `/`, with SPA fallback for its routes. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

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
  app.addHook("onRoute", (route) => {
    // The static plugin's routes serve public files.
    if (route.prefix === "" && (route.url === "/*" || route.url === "/")) {
      route.config = { ...(route.config ?? {}), auth: "public" };
    }
  });
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      index: ["index.html"],
      setHeaders(res, path) {
        // Hashed asset names can be cached forever; index.html must be re-checked every time.
        res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
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
