/** @module Notes on the wire: markdown with tags, personal or in a project. Owners come from the caller. */
import { z } from "zod";
import { PageQuery } from "./pagination.js";

export const MAX_NOTE_BODY = 200_000;

const title = z.string().trim().min(1).max(300);
const body = z.string().max(MAX_NOTE_BODY);
/** A tag: one word-ish label. Deduplicated by the service; order is kept. */
export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\s,]+$/, "a tag has no spaces or commas");
const tags = z.array(Tag).max(32);

/** Strict: `ownerUserId`, `projectId`, `embedding`… in a body are a 400, never applied. */
export const NoteCreateBody = z.strictObject({
  title,
  body: body.default(""),
  tags: tags.default([]),
});
export type NoteCreateBody = z.infer<typeof NoteCreateBody>;

export const NoteUpdateBody = z
  .strictObject({ title: title.optional(), body: body.optional(), tags: tags.optional() })
  .refine((b) => b.title !== undefined || b.body !== undefined || b.tags !== undefined, {
    message: "nothing to update",
  });
export type NoteUpdateBody = z.infer<typeof NoteUpdateBody>;

/** `GET /api/notes`: every note the caller can read; `personal=true` keeps only their own personal notes. */
export const NoteListQuery = PageQuery.extend({
  tag: Tag.optional(),
  projectId: z.uuid().optional(),
  personal: z.enum(["true", "false"]).optional(),
});
export type NoteListQuery = z.infer<typeof NoteListQuery>;

/** `GET /api/projects/:id/notes`. */
export const ProjectNoteListQuery = PageQuery.extend({ tag: Tag.optional() });
export type ProjectNoteListQuery = z.infer<typeof ProjectNoteListQuery>;

export const NoteView = z.object({
  id: z.uuid(),
  /** null: a personal note, visible to its owner only. */
  projectId: z.uuid().nullable(),
  ownerUserId: z.uuid(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  /** The model that embedded the current text; null while there is no embedding (see docs/SEARCH.md). */
  embeddingModel: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type NoteView = z.infer<typeof NoteView>;
