/**
 * Isolation matrix for notes, insights, conversations and preferences over the HTTP API.
 * Users A, B, C; team X (A owner, C member), team Y (B owner). Rules: @mosaic/auth brainAccess.ts
 * — personal rows are their owner's; project rows follow the project; conversations and
 * preferences are their owner's only. 0 unexpected 2xx; foreign ids 404; content never leaks.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp, type TestGateway, type TestUser, testGateway } from "../test/actors.js";

let gw: TestGateway;
const users: Record<string, TestUser> = {};
const ids: Record<string, string> = {};
const canary: Record<string, string> = {};

async function call(who: string, method: string, url: string, payload?: unknown) {
  const user = users[who];
  if (!user) throw new Error(`no user ${who}`);
  return gw.app.inject({
    method: method as "GET",
    url,
    headers: user.bearer,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function created(res: Awaited<ReturnType<typeof call>>, field: string): Promise<string> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json()[field].id;
}

beforeAll(async () => {
  gw = await testGateway();
  for (const who of ["A", "B", "C"]) users[who] = await signUp(gw.app, who.toLowerCase());
  const teamX = (await call("A", "POST", "/api/teams", { name: "X" })).json().team.id;
  const teamY = (await call("B", "POST", "/api/teams", { name: "Y" })).json().team.id;
  expect((await call("A", "POST", `/api/teams/${teamX}/members`, { email: users.C?.email })).statusCode).toBe(201);
  ids.pX = (await call("A", "POST", "/api/projects", { name: "pX", teamId: teamX })).json().project.id;
  ids.pY = (await call("B", "POST", "/api/projects", { name: "pY", teamId: teamY })).json().project.id;

  const mark = (key: string) => {
    canary[key] = `canary-${key}-${randomUUID()}`;
    return canary[key];
  };
  // Notes and insights: personal (A, B) and in each team's project.
  for (const [key, who, project] of [
    ["A", "A", null],
    ["B", "B", null],
    ["X", "A", "pX"],
    ["Y", "B", "pY"],
  ] as const) {
    const body = { title: mark(`n${key}`), body: `secret body of n${key}` };
    ids[`n${key}`] = await created(
      await call(who, "POST", project ? `/api/projects/${ids[project]}/notes` : "/api/notes", body),
      "note",
    );
    ids[`i${key}`] = await created(
      await call(who, "POST", "/api/memory/insights", {
        text: mark(`i${key}`),
        ...(project ? { projectId: ids[project] } : {}),
      }),
      "insight",
    );
  }
  // Conversations: owner-only, even when about a team project C can read.
  for (const [key, who, project] of [
    ["A", "A", "pX"],
    ["B", "B", null],
    ["C", "C", "pX"],
  ] as const) {
    ids[`c${key}`] = await created(
      await call(who, "POST", "/api/conversations", {
        title: mark(`c${key}`),
        ...(project ? { projectId: ids[project] } : {}),
      }),
      "conversation",
    );
    expect(
      (
        await call(who, "POST", `/api/conversations/${ids[`c${key}`]}/messages`, {
          role: "user",
          content: mark(`m${key}`),
        })
      ).statusCode,
    ).toBe(201);
  }
  // Preferences: each user's own key.
  for (const who of ["A", "B", "C"]) {
    expect(
      (await call(who, "PUT", `/api/memory/preferences/key.${who.toLowerCase()}`, { value: mark(`p${who}`) }))
        .statusCode,
    ).toBe(201);
  }
});

afterAll(async () => {
  await gw.close();
});

/** Who reaches which note/insight (read = write = delete for these rows; see brainAccess.ts). */
const REACH: Record<string, string[]> = { A: ["A", "X"], B: ["B", "Y"], C: ["X"] };
const KEYS = ["A", "B", "X", "Y"];
const resources = [
  { kind: "note", prefix: "n", url: "/api/notes", patch: { body: "edited" } },
  { kind: "insight", prefix: "i", url: "/api/memory/insights", patch: { text: "edited" } },
] as const;

function expectHidden(res: Awaited<ReturnType<typeof call>>, key: string) {
  expect(res.statusCode, `${res.raw.req.method} ${res.raw.req.url}`).toBe(404);
  expect(res.json().error.code).toBe("not_found");
  expect(res.body).not.toContain(canary[key]);
}

describe.each(resources)("$kind isolation", (r) => {
  it("lists show exactly the reachable rows and no other canary", async () => {
    for (const who of ["A", "B", "C"]) {
      const res = await call(who, "GET", `${r.url}?limit=100`);
      expect(res.statusCode).toBe(200);
      const got = res
        .json()
        .items.map((x: { id: string }) => x.id)
        .sort();
      expect(got).toEqual((REACH[who] ?? []).map((k) => ids[`${r.prefix}${k}`]).sort());
      for (const k of KEYS.filter((k) => !(REACH[who] ?? []).includes(k))) {
        expect(res.body).not.toContain(canary[`${r.prefix}${k}`]);
      }
    }
  });

  it("read and update: reachable → 200, anything else → 404 with no content", async () => {
    for (const who of ["A", "B", "C"]) {
      for (const k of KEYS) {
        const url = `${r.url}/${ids[`${r.prefix}${k}`]}`;
        const reachable = (REACH[who] ?? []).includes(k);
        const read = await call(who, "GET", url);
        const update = await call(who, "PATCH", url, r.patch);
        if (reachable) {
          expect(read.statusCode).toBe(200);
          expect(update.statusCode).toBe(200);
        } else {
          expectHidden(read, `${r.prefix}${k}`);
          expectHidden(update, `${r.prefix}${k}`);
        }
      }
    }
  });

  it("deletes: refusals change nothing; allowed deletes delete", async () => {
    for (const who of ["A", "B", "C"]) {
      for (const k of KEYS.filter((k) => !(REACH[who] ?? []).includes(k))) {
        expectHidden(await call(who, "DELETE", `${r.url}/${ids[`${r.prefix}${k}`]}`), `${r.prefix}${k}`);
      }
    }
    for (const k of KEYS) {
      const owner = k === "A" || k === "X" ? "A" : "B";
      expect((await call(owner, "GET", `${r.url}/${ids[`${r.prefix}${k}`]}`)).statusCode).toBe(200);
    }
    expect((await call("C", "DELETE", `${r.url}/${ids[`${r.prefix}X`]}`)).statusCode).toBe(204);
    expect((await call("A", "GET", `${r.url}/${ids[`${r.prefix}X`]}`)).statusCode).toBe(404);
  });
});

describe("conversation isolation (owner only)", () => {
  const mine: Record<string, string> = { A: "cA", B: "cB", C: "cC" };

  it("lists show only the caller's conversations", async () => {
    for (const who of ["A", "B", "C"]) {
      const res = await call(who, "GET", "/api/conversations?limit=100");
      expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([ids[mine[who] ?? ""]]);
      for (const other of Object.values(mine).filter((c) => c !== mine[who])) {
        expect(res.body).not.toContain(canary[other]);
      }
    }
  });

  it("every action on another user's conversation is 404, and nothing is written", async () => {
    for (const who of ["A", "B", "C"]) {
      for (const key of Object.values(mine).filter((c) => c !== mine[who])) {
        const url = `/api/conversations/${ids[key]}`;
        const m = `m${key.slice(1)}`;
        expectHidden(await call(who, "GET", url), key);
        expectHidden(await call(who, "PATCH", url, { title: "pwned" }), key);
        const messages = await call(who, "GET", `${url}/messages`);
        expectHidden(messages, key);
        expect(messages.body).not.toContain(canary[m]);
        expectHidden(await call(who, "POST", `${url}/messages`, { role: "user", content: "injected" }), key);
        expectHidden(await call(who, "DELETE", url), key);
      }
    }
    const [row] = await gw.store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE content = 'injected'",
    );
    expect(row?.n).toBe(0);
    for (const [who, key] of Object.entries(mine)) {
      const res = await call(who, "GET", `/api/conversations/${ids[key]}`);
      expect(res.json().conversation.title).toBe(canary[key]);
    }
  });
});

describe("preference isolation (owner only)", () => {
  it("another user's key is 404 to read and delete; writing it makes the caller's own", async () => {
    expectHidden(await call("B", "GET", "/api/memory/preferences/key.a"), "pA");
    expectHidden(await call("C", "DELETE", "/api/memory/preferences/key.a"), "pA");
    expect((await call("B", "PUT", "/api/memory/preferences/key.a", { value: "B's own" })).statusCode).toBe(201);
    expect((await call("A", "GET", "/api/memory/preferences/key.a")).json().preference.value).toBe(canary.pA);
    const list = await call("C", "GET", "/api/memory/preferences");
    expect(list.json().items.map((p: { key: string }) => p.key)).toEqual(["key.c"]);
    expect(list.body).not.toContain(canary.pA);
    expect(list.body).not.toContain(canary.pB);
  });
});
