/** @module Memory on the wire: per-user preferences (key/value, `mutable`) and insights (embedded text). */
import { z } from "zod";
import { PageQuery } from "./pagination.js";

export const MAX_PREFERENCE_VALUE_BYTES = 16 * 1024;

/**
 * Lower-case dotted/dashed names (`editor.theme`, `reply-language`), so keys read the same
 * everywhere. At most 100 characters: the router's path-parameter limit (longer is a 414).
 */
export const PreferenceKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, "lower-case letters, digits and . _ : - only");

export const PreferenceKeyParams = z.strictObject({ key: PreferenceKey });

const jsonValue = z.json().refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_PREFERENCE_VALUE_BYTES, {
  message: `at most ${MAX_PREFERENCE_VALUE_BYTES} bytes of JSON`,
});

/** PUT body. `mutable: false` locks the preference against agents; the owner can still change it. */
export const PreferencePutBody = z.strictObject({
  value: jsonValue,
  mutable: z.boolean().optional(),
});
export type PreferencePutBody = z.infer<typeof PreferencePutBody>;

export const PreferenceListQuery = PageQuery;

export const PreferenceView = z.object({
  key: z.string(),
  value: z.json(),
  mutable: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PreferenceView = z.infer<typeof PreferenceView>;

const label = z.string().trim().min(1).max(64);
const provenance = z
  .record(z.string().max(64), z.json())
  .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= 8 * 1024, { message: "at most 8192 bytes of JSON" });

/** Strict: `userId` and embedding fields are never taken from a body. */
export const InsightCreateBody = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  category: label.default("general"),
  source: label.default("user"),
  /** Where the insight came from (conversation id, message id, URL…): free JSON, ≤ 8 KiB. */
  provenance: provenance.default({}),
  /** Share the insight with the project's members; omitted: personal. */
  projectId: z.uuid().optional(),
});
export type InsightCreateBody = z.infer<typeof InsightCreateBody>;

export const InsightUpdateBody = z
  .strictObject({
    text: z.string().trim().min(1).max(20_000).optional(),
    category: label.optional(),
    source: label.optional(),
    provenance: provenance.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to update" });
export type InsightUpdateBody = z.infer<typeof InsightUpdateBody>;

export const InsightListQuery = PageQuery.extend({
  category: label.optional(),
  projectId: z.uuid().optional(),
});
export type InsightListQuery = z.infer<typeof InsightListQuery>;

export const InsightView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  projectId: z.uuid().nullable(),
  text: z.string(),
  category: z.string(),
  source: z.string(),
  provenance: z.record(z.string(), z.unknown()),
  embeddingModel: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type InsightView = z.infer<typeof InsightView>;
