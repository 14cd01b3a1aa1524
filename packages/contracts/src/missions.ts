/** @module Missions and milestones on the wire, and the TASKS.md import body. */
import { z } from "zod";
import { PageQuery } from "./pagination.js";
import { TaskView } from "./tasks.js";
import { boundedText, requiredTitle } from "./text.js";

export const MissionStatus = z.enum(["planning", "active", "completed", "archived"]);
export type MissionStatus = z.infer<typeof MissionStatus>;

export const MISSION_LIMITS = {
  title: 500,
  goal: 2_000,
  preamble: 50_000,
  /** Characters of TASKS.md markdown one import takes (the 1 MiB body limit applies too). */
  markdown: 500_000,
} as const;

const missionFields = {
  title: requiredTitle(MISSION_LIMITS.title),
  goal: boundedText(MISSION_LIMITS.goal),
  status: MissionStatus,
  /** Free markdown written above the first milestone in a TASKS.md export. */
  preamble: boundedText(MISSION_LIMITS.preamble),
};

/** Strict: the project comes from the path, the creator from the caller. */
export const MissionCreateBody = z.strictObject({
  title: missionFields.title,
  goal: missionFields.goal.default(""),
  status: missionFields.status.default("active"),
  preamble: missionFields.preamble.default(""),
});
export type MissionCreateBody = z.infer<typeof MissionCreateBody>;

export const MissionUpdateBody = z
  .strictObject({
    title: missionFields.title.optional(),
    goal: missionFields.goal.optional(),
    status: missionFields.status.optional(),
    preamble: missionFields.preamble.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to update" });
export type MissionUpdateBody = z.infer<typeof MissionUpdateBody>;

export const MissionListQuery = PageQuery.extend({ status: MissionStatus.optional() });
export type MissionListQuery = z.infer<typeof MissionListQuery>;

/**
 * `POST /api/projects/:projectId/missions/import`: a TASKS.md file as a JSON string. The mission
 * takes the file's `# ` title (or "Untitled mission" when it has none) and starts as `status`.
 */
export const MissionImportBody = z.strictObject({
  markdown: boundedText(MISSION_LIMITS.markdown).min(1),
  status: MissionStatus.default("active"),
});
export type MissionImportBody = z.infer<typeof MissionImportBody>;

/** A milestone id as TASKS.md headings write it: `(FED-M1)`, so no whitespace or parentheses. */
export const MilestoneExternalId = boundedText(100).regex(/^[^\s()]+$/u, {
  message: "a milestone id has no spaces or parentheses",
});

const milestoneFields = {
  title: requiredTitle(MISSION_LIMITS.title),
  goal: boundedText(MISSION_LIMITS.goal),
  description: boundedText(MISSION_LIMITS.preamble),
  externalId: MilestoneExternalId,
};

/** Added at the end of the mission; `externalId` defaults to `M<ordinal>`. */
export const MilestoneCreateBody = z.strictObject({
  title: milestoneFields.title,
  goal: milestoneFields.goal.default(""),
  description: milestoneFields.description.default(""),
  externalId: milestoneFields.externalId.optional(),
});
export type MilestoneCreateBody = z.infer<typeof MilestoneCreateBody>;

export const MilestoneUpdateBody = z
  .strictObject({
    title: milestoneFields.title.optional(),
    goal: milestoneFields.goal.optional(),
    description: milestoneFields.description.optional(),
    externalId: milestoneFields.externalId.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to update" });
export type MilestoneUpdateBody = z.infer<typeof MilestoneUpdateBody>;

/** Every milestone of the mission, once each, in the new order (ordinals become 1..n). */
export const MilestoneReorderBody = z.strictObject({
  milestoneIds: z
    .array(z.uuid())
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, { message: "names a milestone twice" }),
});
export type MilestoneReorderBody = z.infer<typeof MilestoneReorderBody>;

export const Progress = z.object({ done: z.number().int(), total: z.number().int() });
export type Progress = z.infer<typeof Progress>;

export const MissionView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  goal: z.string(),
  status: MissionStatus,
  preamble: z.string(),
  /** TASKS.md columns beyond the standard nine, kept from import (values live in each task's `extra`). */
  extraColumns: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MissionView = z.infer<typeof MissionView>;

export const MilestoneView = z.object({
  id: z.uuid(),
  missionId: z.uuid(),
  ordinal: z.number().int(),
  externalId: z.string().nullable(),
  title: z.string(),
  goal: z.string(),
  description: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MilestoneView = z.infer<typeof MilestoneView>;

/** `GET /api/missions/:id`: the mission with its milestones in order, progress and tasks. */
export const MissionDetailView = MissionView.extend({
  progress: Progress,
  milestones: z.array(MilestoneView.extend({ progress: Progress })),
  /** Every task of the mission, by milestone order then position. */
  tasks: z.array(TaskView),
});
export type MissionDetailView = z.infer<typeof MissionDetailView>;
