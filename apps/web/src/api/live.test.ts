import { describe, expect, it } from "vitest";
import { createLiveHub, eventOf, liveUrl } from "./live.js";

const event = {
  name: "project.updated",
  id: "p1",
  projectId: "p1",
  ownerUserId: null,
  actorId: "u1",
  at: "2026-11-22T10:00:00.000Z",
  data: { name: "Apollo" },
};

describe("live frames", () => {
  it("takes brain events out of v1 event frames", () => {
    expect(eventOf(JSON.stringify({ v: 1, type: "event", event }))).toEqual(event);
  });

  it("ignores responses, other versions, unknown fields and garbage", () => {
    expect(eventOf(JSON.stringify({ v: 1, type: "res", id: "1", ok: true }))).toBeNull();
    expect(eventOf(JSON.stringify({ v: 2, type: "event", event }))).toBeNull();
    expect(eventOf(JSON.stringify({ v: 1, type: "event", event, extra: 1 }))).toBeNull();
    expect(eventOf("{not json")).toBeNull();
    expect(eventOf(new ArrayBuffer(2))).toBeNull();
  });

  it("dispatches by name prefix, and unsubscribes", () => {
    const hub = createLiveHub();
    const projects: string[] = [];
    const tasks: string[] = [];
    const off = hub.on("project.", (e) => projects.push(e.name));
    hub.on("task.", (e) => tasks.push(e.name));
    hub.dispatch({ ...event, name: "project.created" });
    hub.dispatch({ ...event, name: "task.updated" });
    off();
    hub.dispatch({ ...event, name: "project.deleted" });
    expect(projects).toEqual(["project.created"]);
    expect(tasks).toEqual(["task.updated"]);
  });

  it("uses wss on https pages", () => {
    expect(liveUrl({ protocol: "https:", host: "brain.example.com" })).toBe("wss://brain.example.com/api/ws");
    expect(liveUrl({ protocol: "http:", host: "127.0.0.1:4242" })).toBe("ws://127.0.0.1:4242/api/ws");
  });
});
