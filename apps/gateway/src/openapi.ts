/**
 * @module The OpenAPI document (generated from the routes' zod schemas) and the browsable docs.
 * Built on first request, not at boot: @fastify/swagger, swagger-ui and their YAML and static-file
 * dependencies are a large share of start-up, and answering `/ready` needs none of them. The
 * document comes from a second, never-listening Fastify instance holding the same route plugins;
 * the docs pages are answered by that instance through `inject`.
 */
import { readFileSync } from "node:fs";
import { notFound } from "@mosaic/contracts";
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { schemaController, serializerCompiler } from "./serializer.js";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

export const DOCS_PREFIX = "/api/docs";

declare module "fastify" {
  interface FastifyInstance {
    /** The OpenAPI document of this app's routes (built on first call). */
    openApiDocument(): Promise<Record<string, unknown>>;
  }
}

/** Headers of the docs instance's answers that the outer reply sets itself. */
const HOP_HEADERS = new Set(["content-length", "connection", "transfer-encoding", "keep-alive", "date"]);

async function buildDocsApp(routes: FastifyPluginAsync[]): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([
    import("@fastify/swagger"),
    import("@fastify/swagger-ui"),
  ]);
  const docs = Fastify({
    logger: false,
    schemaController,
  });
  docs.setValidatorCompiler(validatorCompiler);
  docs.setSerializerCompiler(serializerCompiler);
  await docs.register(swagger, {
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
  await docs.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
  for (const plugin of routes) await docs.register(plugin);
  await docs.ready();
  return docs;
}

/**
 * Serves the document at /api/openapi.json and Swagger UI at /api/docs, both public. `routes` are
 * the app's route plugins in registration order (the document lists paths in that order).
 */
export function registerOpenApi(app: FastifyInstance, routes: () => FastifyPluginAsync[]): void {
  let docs: Promise<FastifyInstance> | null = null;
  const docsApp = () => {
    docs ??= buildDocsApp(routes()).catch((err: unknown) => {
      docs = null;
      throw err;
    });
    return docs;
  };
  app.decorate("openApiDocument", async () => (await docsApp()).swagger() as unknown as Record<string, unknown>);
  app.addHook("onClose", async () => {
    if (docs) await (await docs.catch(() => null))?.close();
  });
  app.get("/api/openapi.json", { config: { auth: "public" }, schema: { hide: true } }, async () =>
    app.openApiDocument(),
  );
  const page = { config: { auth: "public" as const }, schema: { hide: true } };
  const relay = async (request: { url: string; headers: Record<string, unknown> }, reply: FastifyReply) => {
    const answer = await (await docsApp()).inject({
      method: "GET",
      url: request.url,
      headers: { accept: String(request.headers.accept ?? "*/*") },
    });
    // The one error envelope, not the inner instance's default answer.
    if (answer.statusCode === 404) throw notFound("documentation page");
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_HEADERS.has(name) && value !== undefined) void reply.header(name, value);
    }
    return reply.status(answer.statusCode).send(answer.rawPayload);
  };
  app.get(DOCS_PREFIX, page, relay);
  app.get(`${DOCS_PREFIX}/*`, page, relay);
}

/** The document as committed to apps/gateway/openapi.json: stable key order, trailing newline. */
export async function serializeOpenApi(app: FastifyInstance): Promise<string> {
  return `${JSON.stringify(await app.openApiDocument(), null, 2)}\n`;
}
