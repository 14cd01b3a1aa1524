import { describe, expect, it } from "vitest";
import { z } from "zod";
import { serializerCompiler, simplify } from "./serializer.js";

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: "GET", url: "/x" } as never);

const View = z.object({
  id: z.uuid(),
  note: z.string().nullable(),
  tags: z.array(z.string()).default([]),
  extra: z.record(z.string(), z.json()).default({}),
  count: z.number().int(),
  kind: z.enum(["a", "b"]).optional(),
  source: z.discriminatedUnion("type", [
    z.object({ type: z.literal("user"), userId: z.string() }),
    z.object({ type: z.literal("agent"), name: z.string() }),
  ]),
});

describe("the response serializer", () => {
  it("writes only declared properties, at every depth (nothing undeclared leaks)", () => {
    const out = JSON.parse(
      compile(View)({
        id: "0be3a381-1d6d-4ded-b5ee-24af1c048412",
        note: null,
        count: 3,
        passwordHash: "secret",
        source: { type: "agent", name: "bot", token: "mos_x" },
      }),
    );
    expect(out).toEqual({
      id: "0be3a381-1d6d-4ded-b5ee-24af1c048412",
      note: null,
      tags: [],
      extra: {},
      count: 3,
      source: { type: "agent", name: "bot" },
    });
  });

  it("writes what zod's serializer wrote for a conforming value", () => {
    const value = {
      id: "0be3a381-1d6d-4ded-b5ee-24af1c048412",
      note: "n",
      tags: ["t"],
      extra: { nested: [1, { deep: null }], s: "x" },
      count: 2,
      kind: "b" as const,
      source: { type: "user" as const, userId: "u" },
    };
    expect(JSON.parse(compile(View)(value))).toEqual(JSON.parse(JSON.stringify(View.parse(value))));
  });

  it("refuses a value missing a required property (the route answers 500)", () => {
    expect(() => compile(View)({ id: "x", note: null, source: { type: "user", userId: "u" } })).toThrow(/count/);
  });

  it("keeps zod's serializer for schemas JSON Schema can't express (a Date)", () => {
    const Stamped = z.object({ at: z.date() });
    expect(compile(Stamped)({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it("turns zod's nullable anyOf into a type list", () => {
    expect(simplify({ anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] })).toEqual({
      type: ["string", "null"],
    });
  });
});
