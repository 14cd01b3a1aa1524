/**
 * E2E: issue 7 in Debian's Chromium against real gateway processes — B enrolled as A's peer (built
 * CLI, real mTLS), A seeded with its admin's (the grant subject's) tasks, notes and insights, B with
 * its own. B's admin sees /tasks "All gateways" with A's tasks badged, notes and memory search with
 * A's items badged, opens a peer's task read-only; with A's process stopped, the partial notice and
 * B's own tasks.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, launchChromium, screenshots } from "../support/browser.js";
import {
  type FederatedGateway,
  pairGateways,
  SHARE_ALL,
  seedBed,
  signUpUser,
  startFederationBed,
} from "../support/federation.js";
import type { SeededBrain } from "../support/federationSeed.js";

const hasChromium = chromiumAvailable();
const PASSWORD = "correct horse battery";
const PEER = "gw-a";

const noSidewaysScroll = async (page: Page, name: string) => expect(await screenshots(page, name)).toBe(0);

describe.skipIf(!hasChromium)("federated reads in a real browser (issue 7)", { timeout: 180_000 }, () => {
  let bed: Awaited<ReturnType<typeof startFederationBed>>;
  let A: FederatedGateway;
  let B: FederatedGateway;
  let seed: SeededBrain;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  /** The peer badge of a task, on a board card or a list row alike. */
  const badgeOf = (title: string) => page.locator("[data-task-id]").filter({ hasText: title }).locator(".badge.source");

  beforeAll(async () => {
    bed = await startFederationBed(2);
    [A, B] = bed.gateways as [FederatedGateway, FederatedGateway];
    seed = await seedBed(A);
    // A answers at most 4 rows a call: its 6 tasks and notes take two pages, so the pages follow
    // the `source=all` cursor (which carries A's own) — the board on its own, notes by "Load more".
    await pairGateways(A, B, { name: PEER, scope: { ...SHARE_ALL, max_rows_per_query: 4 } });
    const project = (await B.api("POST", "/api/projects", { name: "B's project" })).json as { project: { id: string } };
    const made = await B.api("POST", `/api/projects/${project.project.id}/tasks`, { title: "B local task searchable" });
    if (made.status !== 201) throw new Error(`B's task: ${made.status} ${made.text}`);
    await B.api("POST", "/api/notes", { title: "B local note", body: "B body searchable", tags: [] });
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: DESKTOP });
    const res = await ctx.request.post(`${B.proc.url}/api/auth/sign-in`, {
      data: { email: B.admin.email, password: PASSWORD },
    });
    if (res.status() !== 200) throw new Error(`sign-in on B: ${res.status()} ${await res.text()}`);
    page = await ctx.newPage();
  }, 320_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.stop();
  });

  it("/tasks with All gateways lists B's and A's tasks; A's carry the peer badge, B's none", async () => {
    await page.goto(`${B.proc.url}/tasks`);
    await page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
    await page.getByLabel("Source").selectOption({ label: "All gateways" });
    await page.getByRole("link", { name: "personal task 0 searchable" }).waitFor();
    expect(new URL(page.url()).searchParams.get("source")).toBe("all");
    await page.getByRole("link", { name: "B local task searchable" }).waitFor();
    for (const title of ["personal task 1 searchable", "team task 2 searchable"]) {
      expect(await badgeOf(title).textContent()).toBe(PEER);
    }
    expect(await badgeOf("B local task searchable").count()).toBe(0);
    // Nothing of A's outsider leaks, and every task A shares is there.
    expect(await page.getByText("outsider task").count()).toBe(0);
    expect(await page.locator(`.badge.source[data-source="${PEER}"]`).count()).toBe(
      seed.tasks.personal.length + seed.tasks.team.length,
    );
    await noSidewaysScroll(page, "federated-tasks-all");
    // The list view shows the same badges.
    await page.getByRole("button", { name: "List" }).click();
    await page.getByRole("row").filter({ hasText: "team task 1 searchable" }).locator(".badge.source").waitFor();
    expect(await page.getByRole("row").filter({ hasText: "B local task searchable" }).locator(".badge").count()).toBe(
      0,
    );
    await noSidewaysScroll(page, "federated-tasks-all-list");
  });

  it("opening A's task shows it read-only, from the peer", async () => {
    await page.getByRole("link", { name: "team task 0 searchable" }).click();
    await page.getByRole("heading", { name: /team task 0 searchable/ }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/tasks/${seed.tasks.team[0]}`);
    expect(url.searchParams.get("source")).toBe(`federated:${PEER}`);
    await page.getByText(`read-only here: change it on ${PEER}`).waitFor();
    expect(await page.getByRole("button", { name: /delete|save/i }).count()).toBe(0);
    expect(await page.locator("form").count()).toBe(0);
    await noSidewaysScroll(page, "federated-task-readonly");
  });

  it("notes with All gateways show A's notes badged and B's own unbadged", async () => {
    await page.goto(`${B.proc.url}/notes?source=all`);
    await page.getByRole("link", { name: "B local note" }).waitFor();
    await page.getByRole("link", { name: "personal note 0" }).first().waitFor();
    await page.getByRole("button", { name: "Load more" }).click();
    await page.getByRole("button", { name: "Load more" }).waitFor({ state: "detached" });
    const badges = page.locator(`.badge.source[data-source="${PEER}"]`);
    expect(await badges.count()).toBe(
      seed.notes.personal.length + seed.notes.personalProject.length + seed.notes.team.length,
    );
    expect(await page.getByText("outsider note").count()).toBe(0);
    await noSidewaysScroll(page, "federated-notes-all");
  });

  it("memory search with All gateways finds A's insights, badged", async () => {
    await page.goto(`${B.proc.url}/memory?source=all`);
    const form = page.getByRole("form", { name: "Search memory" });
    await form.getByLabel("Words or a question").fill("searchable");
    await form.getByRole("button", { name: "Search" }).click();
    const results = page.locator("section[aria-labelledby='memory-search']");
    await results.getByText("personal insight 0 searchable").waitFor();
    expect(await results.locator(`.badge.source[data-source="${PEER}"]`).count()).toBe(
      seed.memory.personal.length + seed.memory.team.length,
    );
    // The insights list reads through the source too.
    const insights = page.locator("section[aria-labelledby='memory-insights']");
    await insights.getByText("team insight 1 searchable").waitFor();
    await noSidewaysScroll(page, "federated-memory-search");

    // Back to this gateway: the shown query runs again, and A's hits go with the source.
    await page.getByLabel("Source").selectOption("local");
    await results.getByText("personal insight 0 searchable").waitFor({ state: "detached" });
    expect(await results.locator(".badge.source").count()).toBe(0);
  });

  it("filters apply across gateways: an assignee on /tasks, a tag on /notes", async () => {
    await page.goto(`${B.proc.url}/tasks?source=all`);
    await page.getByRole("link", { name: "team task 1 searchable" }).waitFor();
    await page.getByLabel("Assignee").fill("bob");
    await page.getByRole("link", { name: "team task 0 searchable" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "team task 1 searchable" }).waitFor();
    expect(await page.locator("[data-task-id]").count()).toBe(2); // personal 1 and team 1 are bob's

    await page.goto(`${B.proc.url}/notes?source=all`);
    await page.getByRole("link", { name: "B local note" }).waitFor();
    await page.getByRole("searchbox", { name: "Tag" }).fill("team");
    await page.getByRole("link", { name: "B local note" }).waitFor({ state: "detached" });
    await page.getByRole("link", { name: "team note 0" }).waitFor();
    expect(await page.locator(`.badge.source[data-source="${PEER}"]`).count()).toBe(seed.notes.team.length);
  });

  it("the search page with All gateways ranks B's and A's hits together, A's badged", async () => {
    await page.goto(`${B.proc.url}/search?source=all`);
    await page.getByLabel("Search notes, memory and tasks").fill("searchable");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/results? for “searchable”/).waitFor();
    expect(await page.locator(`.badge.source[data-source="${PEER}"]`).count()).toBeGreaterThan(0);
    await page
      .getByRole("link", { name: /B local/ })
      .first()
      .waitFor();
    await noSidewaysScroll(page, "federated-search-all");
  });

  it("a member of B (not an admin) opening ?source=all reads locally: no selector, no error", async () => {
    const member = await signUpUser(B.proc.url, "member");
    const call = (path: string, body: unknown) =>
      fetch(B.proc.url + path, {
        method: "POST",
        headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, { id: string }>>);
    const own = await call("/api/projects", { name: "member's project" });
    await call(`/api/projects/${own.project?.id}/tasks`, { title: "member's own task" });
    const mctx = await browser.newContext({ viewport: DESKTOP });
    try {
      const res = await mctx.request.post(`${B.proc.url}/api/auth/sign-in`, {
        data: { email: member.email, password: PASSWORD },
      });
      expect(res.status()).toBe(200);
      const mpage = await mctx.newPage();
      await mpage.goto(`${B.proc.url}/tasks?source=all`);
      await mpage.getByRole("link", { name: "member's own task" }).waitFor();
      expect(await mpage.getByLabel("Source").count()).toBe(0);
      expect(await mpage.getByRole("alert").count()).toBe(0);
      expect(await mpage.locator(".badge.source").count()).toBe(0);
      // The API itself refuses a member's peer read.
      const direct = await fetch(`${B.proc.url}/api/tasks?source=all`, {
        headers: { authorization: `Bearer ${member.token}` },
      });
      expect(direct.status).toBe(403);
      await screenshots(mpage, "federated-tasks-member");
    } finally {
      await mctx.close();
    }
  });

  it("with A's process stopped, /tasks says partial: gw-a unreachable and still lists B's tasks", async () => {
    await A.proc.stop();
    await page.goto(`${B.proc.url}/tasks?source=all`);
    await page.getByText(`partial: ${PEER} unreachable (network)`).waitFor();
    await page.getByRole("link", { name: "B local task searchable" }).waitFor();
    expect(await page.locator(".badge.source").count()).toBe(0);
    await noSidewaysScroll(page, "federated-tasks-partial");
  });
});
