/**
 * @module The cursor of a `source=all` list: one opaque token holding each source's own cursor, so
 * every source pages on in its own order and none is asked again once it is exhausted.
 */
import { invalid } from "@mosaic/contracts";
import { z } from "zod";

const PREFIX = "all.";
const MAX_CURSOR_CHARS = 4096;

/** Source name (`local` or a peer name) → that source's cursor; `""` = its first page. */
export type SourceCursors = Record<string, string>;

const Payload = z.strictObject({
  v: z.literal(1),
  s: z.record(z.string().min(1).max(80), z.string().max(1024)),
});

/** The first page of `all`: every source from its start. */
export function firstPageCursors(sources: string[]): SourceCursors {
  return Object.fromEntries(sources.map((source) => [source, ""]));
}

/** Encodes the sources that still have pages; null when every source is exhausted. */
export function encodeSourceCursor(next: SourceCursors): string | null {
  if (Object.keys(next).length === 0) return null;
  const payload: z.infer<typeof Payload> = { v: 1, s: next };
  return `${PREFIX}${Buffer.from(JSON.stringify(payload), "utf8").toString("base64url")}`;
}

/** Decodes a cursor made by `encodeSourceCursor`; anything else is a 400 on `cursor`. */
export function decodeSourceCursor(cursor: string): SourceCursors {
  const bad = () =>
    invalid("cursor is not a source=all cursor — pass back the nextCursor of the previous source=all page", [
      { path: "query.cursor", message: "not a source=all cursor" },
    ]);
  if (!cursor.startsWith(PREFIX) || cursor.length > MAX_CURSOR_CHARS) throw bad();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success) throw bad();
  return parsed.data.s;
}
