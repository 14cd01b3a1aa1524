/**
 * @module The brain's event bus: services publish changes, every gateway process delivers them to
 * its WebSocket clients. In-process on the local tier; Valkey pub/sub when several gateways share
 * one database, so a change made through one gateway reaches browsers connected to another.
 */
import { EventEmitter } from "node:events";
import { BrainEvent } from "@mosaic/contracts";
import { createRedis } from "@mosaic/db";
import type { Redis } from "ioredis";

export type BrainEventHandler = (event: BrainEvent) => void;

export interface EventBus {
  publish(event: BrainEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(handler: BrainEventHandler): () => void;
  close(): Promise<void>;
}

export const BRAIN_EVENTS_CHANNEL = "mosaic:brain-events:v1";

export function createLocalBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("event", event);
    },
    subscribe(handler) {
      emitter.on("event", handler);
      return () => emitter.off("event", handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * A bus over Valkey/Redis pub/sub. Publishing goes through Valkey only (this process receives its
 * own events back like everyone else), so every gateway sees one order of events per channel.
 */
export async function createValkeyBus(url: string, options: { connectTimeoutMs?: number } = {}): Promise<EventBus> {
  const publisher: Redis = createRedis(url, options);
  const subscriber: Redis = createRedis(url, options);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(BRAIN_EVENTS_CHANNEL);
  const local = createLocalBus();
  subscriber.on("message", (channel: string, message: string) => {
    if (channel !== BRAIN_EVENTS_CHANNEL) return;
    let parsed: BrainEvent;
    try {
      parsed = BrainEvent.parse(JSON.parse(message));
    } catch {
      return; // not ours or not this version: ignore rather than crash the subscriber
    }
    void local.publish(parsed);
  });
  return {
    async publish(event) {
      await publisher.publish(BRAIN_EVENTS_CHANNEL, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    async close() {
      await local.close();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
