/** @module Small schema helpers for the endpoint tables: unwrap `{ key: … }` answers, lists, path ids. */
import type { Schema } from "./client.js";

/** `{ [key]: schema }` answers (`{ project }`, `{ team }`…) without redefining them here. */
export function inside<T>(key: string, schema: Schema<T>): Schema<T> {
  return {
    parse(input) {
      if (typeof input !== "object" || input === null || !(key in input)) throw new Error(`no "${key}" in the answer`);
      return schema.parse((input as Record<string, unknown>)[key]);
    },
  };
}

export const arrayOf = <T>(item: Schema<T>): Schema<T[]> => ({
  parse(input) {
    if (!Array.isArray(input)) throw new Error("not a list");
    return input.map((x) => item.parse(x));
  },
});

/** A path segment from an id (ids are UUIDs, but never trust a path to be one). */
export const id = (value: string) => encodeURIComponent(value);
