/** @module The OpenAPI document (generated from the routes' zod schemas) and the browsable docs. */
import { readFileSync } from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

export const DOCS_PREFIX = "/api/docs";

/** Registers the document at /api/openapi.json and Swagger UI at /api/docs. Call before any route. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Swagger UI's own routes (page and static assets) are public documentation.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...(route.config ?? {}), auth: "public" };
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Mosaic gateway API",
        version: VERSION,
        description: "The brain's HTTP API. Errors use one envelope: see docs/ERRORS.md.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "a personal access token (mos_…)" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
  app.get("/api/openapi.json", { config: { auth: "public" }, schema: { hide: true } }, async () => app.swagger());
}

/** The document as committed to apps/gateway/openapi.json: stable key order, trailing newline. */
export function serializeOpenApi(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}
