/** @module Change events: services announce each committed write; the gateway fans them out live. */
import type { BrainEvent, BrainEventName } from "@mosaic/contracts";

/** Fire-and-forget: called after a write commits; must not throw or delay the caller. */
export type PublishEvent = (event: BrainEvent) => void;

export function brainEvent(
  name: BrainEventName,
  fields: {
    id: string;
    projectId: string | null;
    ownerUserId?: string | null;
    actorId: string | null;
    data?: Record<string, unknown>;
  },
): BrainEvent {
  return {
    name,
    id: fields.id,
    projectId: fields.projectId,
    ownerUserId: fields.ownerUserId ?? null,
    actorId: fields.actorId,
    at: new Date().toISOString(),
    ...(fields.data ? { data: fields.data } : {}),
  };
}
