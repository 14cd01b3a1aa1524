/** @module Projects on the wire. Owner fields are set by the server from the caller, never from a body. */
import { z } from "zod";
import { PageQuery } from "./pagination.js";

export const ProjectStatus = z.enum(["active", "archived"]);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

const name = z.string().trim().min(1).max(200);
const description = z.string().max(10_000);

/** Strict: `ownerUserId`, `userId`, `role`… in a body are a 400 (mass assignment), not ignored. */
export const ProjectCreateBody = z.strictObject({
  name,
  description: description.default(""),
  /** Create the project in this team (the caller must be its owner or admin); omitted: personal. */
  teamId: z.uuid().optional(),
});
export type ProjectCreateBody = z.infer<typeof ProjectCreateBody>;

export const ProjectUpdateBody = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, { message: "nothing to update" });
export type ProjectUpdateBody = z.infer<typeof ProjectUpdateBody>;

export const ProjectListQuery = PageQuery.extend({
  status: ProjectStatus.optional(),
  teamId: z.uuid().optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const ProjectView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  status: ProjectStatus,
  owner: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("user"), userId: z.uuid() }),
    z.object({ kind: z.literal("team"), teamId: z.uuid() }),
  ]),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProjectView = z.infer<typeof ProjectView>;
