/** @module WebSocket frames on /api/ws: versioned tagged unions (req / res / event), strict objects. */
import { z } from "zod";

export const WS_PROTOCOL_VERSION = 1;

/** What changed in the brain. Clients re-read or patch the named object. */
export const BrainEventName = z.enum([
  "project.created",
  "project.updated",
  "project.deleted",
  "mission.created",
  "mission.updated",
  "mission.deleted",
  "task.created",
  "task.updated",
  "task.deleted",
  "note.created",
  "note.updated",
  "note.deleted",
]);
export type BrainEventName = z.infer<typeof BrainEventName>;

/**
 * A change, as published on the event bus. `projectId` decides who may receive it (everyone who
 * can read that project); personal objects outside projects carry `ownerUserId` instead.
 */
export const BrainEvent = z.strictObject({
  name: BrainEventName,
  id: z.string(),
  projectId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  actorId: z.string().nullable(),
  at: z.string(),
  /** The object as the API presents it (absent for deletions). */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type BrainEvent = z.infer<typeof BrainEvent>;

export const WsRequest = z.strictObject({
  v: z.literal(WS_PROTOCOL_VERSION),
  type: z.literal("req"),
  id: z.string().min(1).max(64),
  method: z.enum(["ping"]),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type WsRequest = z.infer<typeof WsRequest>;

export const WsResponse = z.strictObject({
  v: z.literal(WS_PROTOCOL_VERSION),
  type: z.literal("res"),
  id: z.string().nullable(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.strictObject({ code: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
});
export type WsResponse = z.infer<typeof WsResponse>;

export const WsEventFrame = z.strictObject({
  v: z.literal(WS_PROTOCOL_VERSION),
  type: z.literal("event"),
  event: BrainEvent,
});
export type WsEventFrame = z.infer<typeof WsEventFrame>;

export const WsServerFrame = z.discriminatedUnion("type", [WsResponse, WsEventFrame]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;
