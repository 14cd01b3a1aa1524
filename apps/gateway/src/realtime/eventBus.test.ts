import type { BrainEvent } from "@mosaic/contracts";
import { createRedis } from "@mosaic/db";
import { describe, expect, inject, it } from "vitest";
import { BRAIN_EVENTS_CHANNEL, createLocalBus, createValkeyBus, type EventBus } from "./eventBus.js";

const event = (id: string): BrainEvent => ({
  name: "task.updated",
  id,
  projectId: "p1",
  ownerUserId: null,
  actorId: "u1",
  at: new Date(0).toISOString(),
  data: { status: "done" },
});

function collect(bus: EventBus): BrainEvent[] {
  const seen: BrainEvent[] = [];
  bus.subscribe((e) => seen.push(e));
  return seen;
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("local bus", () => {
  it("delivers to every subscriber until it unsubscribes", async () => {
    const bus = createLocalBus();
    const a = collect(bus);
    const b: BrainEvent[] = [];
    const off = bus.subscribe((e) => b.push(e));
    await bus.publish(event("1"));
    off();
    await bus.publish(event("2"));
    expect(a.map((e) => e.id)).toEqual(["1", "2"]);
    expect(b.map((e) => e.id)).toEqual(["1"]);
  });
});

const valkeyUrl = inject("valkeyUrl");

describe.skipIf(!valkeyUrl)("valkey bus (two gateways on one Redis)", () => {
  it("an event published by one gateway reaches the other's subscribers, in order", async () => {
    const one = await createValkeyBus(valkeyUrl as string);
    const two = await createValkeyBus(valkeyUrl as string);
    try {
      const seenByOne = collect(one);
      const seenByTwo = collect(two);
      for (const id of ["a", "b", "c"]) await one.publish(event(id));
      await until(() => seenByTwo.length === 3 && seenByOne.length === 3);
      expect(seenByTwo.map((e) => e.id)).toEqual(["a", "b", "c"]);
      expect(seenByTwo[0]).toEqual(event("a"));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("ignores foreign or malformed messages on the channel", async () => {
    const bus = await createValkeyBus(valkeyUrl as string);
    const raw = createRedis(valkeyUrl as string);
    await raw.connect();
    try {
      const seen = collect(bus);
      await raw.publish(BRAIN_EVENTS_CHANNEL, "not json");
      await raw.publish(BRAIN_EVENTS_CHANNEL, JSON.stringify({ name: "task.updated", id: 1 }));
      await bus.publish(event("ok"));
      await until(() => seen.length === 1);
      expect(seen.map((e) => e.id)).toEqual(["ok"]);
    } finally {
      raw.disconnect();
      await bus.close();
    }
  });
});
