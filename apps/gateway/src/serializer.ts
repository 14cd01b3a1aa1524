/**
 * @module The response serializer: each route's zod response schema, converted once to JSON Schema
 * and compiled by fast-json-stringify. Responses are built by typed presenters, so re-validating
 * them with zod on every request (then `JSON.stringify`) was pure cost on hot list routes. Like
 * zod's serializer it writes only the declared properties (nothing undeclared leaks) and answers
 * 500 when a required one is missing. Schemas that JSON Schema can't express (dates, custom
 * types) keep zod's serializer. Compiled on a route's first response, so unused routes cost nothing at boot.
 */
import { createRequire } from "node:module";
import type fastJsonType from "fast-json-stringify";
import type { FastifyServerOptions } from "fastify";
import type { FastifySerializerCompiler } from "fastify/types/schema.js";
import { validatorCompiler, serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

type Json = Record<string, unknown>;

/** Validation-only keywords: the serializer needs types and shapes, not formats or patterns. */
const DROPPED = new Set(["$schema", "format", "pattern", "propertyNames", "minLength", "maxLength"]);

/**
 * Simplifies zod's JSON Schema for fast-json-stringify: `anyOf: [X, {type: "null"}]` (zod's
 * `.nullable()`) becomes X with `type: [X.type, "null"]`, which it writes without trying branches.
 */
export function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // `additionalProperties: false` would make a union branch reject an object carrying an extra
    // property (zod strips it); fast-json-stringify writes only declared properties either way.
    if (DROPPED.has(key) || (key === "additionalProperties" && value === false)) continue;
    out[key] = simplify(value);
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && Object.keys(out).length === 1) {
    const nullIndex = anyOf.findIndex((s: Json) => s.type === "null" && Object.keys(s).length === 1);
    const other = anyOf[1 - nullIndex] as Json | undefined;
    if (nullIndex !== -1 && other && typeof other.type === "string") return { ...other, type: [other.type, "null"] };
  }
  return out;
}

// Required on the first response, not imported at boot: it brings ajv along.
const require = createRequire(import.meta.url);
let fastJson: typeof fastJsonType | null = null;

function compile(schema: z.ZodType): ((data: unknown) => string) | null {
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { io: "output", target: "draft-7", unrepresentable: "throw" });
  } catch {
    return null;
  }
  fastJson ??= require("fast-json-stringify") as typeof fastJsonType;
  return fastJson(simplify(json) as Parameters<typeof fastJsonType>[0]) as (data: unknown) => string;
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const { schema } = route;
  if (!(schema instanceof z.ZodType)) return zodSerializerCompiler(route as never);
  let serialize: ((data: unknown) => string) | null = null;
  return (data) => {
    serialize ??= compile(schema) ?? zodSerializerCompiler(route as never);
    return serialize(data);
  };
};

/**
 * Fastify's `schemaController` option: every route validates with zod and serialises with the
 * compiler above, so fastify's default ajv and fast-json-stringify builders (a large share of
 * start-up) are never loaded just to be replaced. (Cast: fastify types these factories for ajv.)
 */
export const schemaController = {
  compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
} as unknown as FastifyServerOptions["schemaController"];
