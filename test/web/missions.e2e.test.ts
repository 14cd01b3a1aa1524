/**
 * E2E: missions and tasks in Debian's Chromium against a real gateway on PGlite — a TASKS.md import
 * (a bad file's line report, then the fixture), milestones with progress, the download, a kanban drag
 * the API sees, a blocked move's 409 reason, and a task changed through the API moving on the open board.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, launchChromium, screenshots } from "../support/browser.js";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../support/cli.js";

const hasChromium = chromiumAvailable();
const FIXTURE = resolve(import.meta.dirname, "../../packages/brain/src/missions/fixtures/mission.tasks.md");

interface Task {
  id: string;
  externalId: string | null;
  status: string;
}

describe.skipIf(!hasChromium)("missions and tasks in a real browser", () => {
  let gw: GatewayProcess;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let projectId = "";
  let missionId = "";

  const json = async (path: string, init?: { method?: string; data?: unknown }) => {
    const res = await ctx.request.fetch(`${gw.url}${path}`, init);
    if (!res.ok()) throw new Error(`${init?.method ?? "GET"} ${path} → ${res.status()} ${await res.text()}`);
    return res.json();
  };
  const missionTasks = async (): Promise<Task[]> => (await json(`/api/missions/${missionId}`)).mission.tasks as Task[];
  const taskByExternalId = async (externalId: string): Promise<Task> => {
    const task = (await missionTasks()).find((t) => t.externalId === externalId);
    if (!task) throw new Error(`no task ${externalId} in the mission`);
    return task;
  };
  const column = (status: string): Locator => page.locator(`section.column[data-status="${status}"]`);
  const card = (where: Page | Locator, externalId: string): Locator =>
    where.getByRole("listitem", { name: new RegExp(`^${externalId}: `) });

  beforeAll(async () => {
    gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), 90_000);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: DESKTOP });
    // The first account through the API: the sign-up screens have their own suite.
    await json("/api/auth/sign-up", {
      method: "POST",
      data: { name: "Mia Planner", email: "mia@example.com", password: "correct horse battery" },
    });
    projectId = (await json("/api/projects", { method: "POST", data: { name: "Federation" } })).project.id;
    page = await ctx.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("a malformed TASKS.md dropped on the import shows the server's line-numbered report, and nothing is imported", async () => {
    await page.goto(`${gw.url}/projects/${projectId}`);
    await page.getByText("No missions yet").waitFor();
    const bad = [
      "# Broken plan",
      "",
      "## Milestone 1 — Start (M1)",
      "",
      "| id | status | description | issue | agent | branch | depends_on | estimate | notes |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      "| T-1 | wip | Something | | | | | | |",
      "",
    ].join("\n");
    // A real drop: a DataTransfer holding a File, dispatched on the drop zone.
    // A string, not a function: this file is typechecked for Node, without the DOM's types.
    const transfer = await page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(bad)}], "broken.tasks.md", { type: "text/markdown" })); return dt; })()`,
    );
    const zone = page.locator(".dropzone");
    await zone.dispatchEvent("dragover", { dataTransfer: transfer });
    await zone.dispatchEvent("drop", { dataTransfer: transfer });
    const report = page.locator(".import-report");
    await report.getByText("broken.tasks.md: TASKS.md has 1 problem; nothing was imported").waitFor();
    expect(await report.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^Line 7: .*unknown status 'wip'/),
    ]);
    expect((await json(`/api/projects/${projectId}/missions`)).items).toEqual([]);
  });

  it("imports the fixture through the file picker and shows milestones with their progress", async () => {
    await page.getByLabel("Import a TASKS.md file").setInputFiles(FIXTURE);
    await page.waitForURL(/\/missions\/[0-9a-f-]{36}$/);
    missionId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const detail = (await json(`/api/missions/${missionId}`)).mission;
    await page.getByRole("heading", { name: detail.title, level: 1 }).waitFor();
    expect(detail.milestones.length).toBeGreaterThan(1);

    // FED-M1 in the fixture: 3 of its 10 tasks are done.
    const m1 = page.getByRole("progressbar", { name: "FED-M1 progress" });
    expect(await m1.getAttribute("aria-valuetext")).toBe("3 of 10 done");
    expect(await m1.getAttribute("aria-valuenow")).toBe("30");
    for (const ms of detail.milestones) {
      const bar = page.getByRole("progressbar", { name: `${ms.externalId} progress` });
      expect(await bar.getAttribute("aria-valuetext")).toBe(`${ms.progress.done} of ${ms.progress.total} done`);
    }
    // The dependency view: FED-M1-07 waits on 05 and 06; FED-M1-05 holds up 06, 07 and 08.
    const deps = page.locator("table.deps");
    const row07 = deps.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^FED-M1-07/ }) });
    expect(await row07.getByRole("cell").first().textContent()).toMatch(/FED-M1-05[\s\S]*FED-M1-06/);
    const row05 = deps.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^FED-M1-05/ }) });
    expect(await row05.getByRole("cell").nth(1).textContent()).toMatch(/FED-M1-06[\s\S]*FED-M1-07[\s\S]*FED-M1-08/);
    expect(await screenshots(page, "mission")).toBe(0);
  });

  it("downloads the mission as the same TASKS.md the API exports", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download TASKS.md" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.tasks\.md$/);
    const path = await download.path();
    const exported = await (await ctx.request.get(`${gw.url}/api/missions/${missionId}/export`)).text();
    expect(readFileSync(path, "utf8")).toBe(exported);
    expect(exported).toContain("| FED-M1-04 | in-progress |");
  });

  it("dragging a card to another column moves the task (the API sees the new status)", async () => {
    await card(column("in-progress"), "FED-M1-04").waitFor();
    // The HTML5 drag events the browser fires for a mouse drag, with one shared DataTransfer: headless
    // Chromium here starts no native drag from synthetic mouse input, so the gesture is dispatched as events.
    const transfer = await page.evaluateHandle("new DataTransfer()");
    const source = card(page, "FED-M1-04");
    await source.dispatchEvent("dragstart", { dataTransfer: transfer });
    await column("done").dispatchEvent("dragenter", { dataTransfer: transfer });
    await column("done").dispatchEvent("dragover", { dataTransfer: transfer });
    await column("done").dispatchEvent("drop", { dataTransfer: transfer });
    await source.dispatchEvent("dragend", { dataTransfer: transfer });
    await card(column("done"), "FED-M1-04").waitFor();
    expect((await taskByExternalId("FED-M1-04")).status).toBe("done");
    // The milestone's progress follows (live event → mission reload).
    await expect
      .poll(() => page.getByRole("progressbar", { name: "FED-M1 progress" }).getAttribute("aria-valuetext"))
      .toBe("4 of 10 done");
  });

  it("a blocked move (from the keyboard: the card's status select) shows the server's 409 reason", async () => {
    const task = await taskByExternalId("FED-M1-06");
    expect(task.status).toBe("not-started");
    const select = page.getByLabel("Status of FED-M1-06");
    await select.focus();
    await select.selectOption("in-progress");
    const alert = page.getByRole("alert").filter({ hasText: "Couldn't move FED-M1-06 to In progress" });
    await alert.waitFor();
    // The 409 names the unfinished dependency and its status.
    expect(await alert.textContent()).toMatch(/dependency FED-M1-05 \(in-progress\) is not done/);
    expect((await taskByExternalId("FED-M1-06")).status).toBe("not-started");
    await card(column("not-started"), "FED-M1-06").waitFor();
    expect(await select.inputValue()).toBe("not-started");
  });

  it("a task changed elsewhere (a bearer token, as the CLI would) moves on the open board without a reload", async () => {
    const { secret } = await json("/api/tokens", { method: "POST", data: { name: "e2e cli" } });
    await page.evaluate("window.__sameDocument = true");
    const task = await taskByExternalId("FED-M1-09");
    expect(task.status).toBe("needs-qa");
    await card(column("needs-qa"), "FED-M1-09").waitFor();

    const res = await fetch(`${gw.url}/api/tasks/${task.id}/move`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "done" }),
    });
    expect(res.status).toBe(200);
    await card(column("done"), "FED-M1-09").waitFor({ timeout: 10_000 });
    expect(await card(column("needs-qa"), "FED-M1-09").count()).toBe(0);
    expect(await page.evaluate("window.__sameDocument === true")).toBe(true);
    // The desktop shot is of the viewport: show the board, not the top of the page.
    await page.evaluate("document.getElementById('mission-tasks').scrollIntoView()");
    expect(await screenshots(page, "board")).toBe(0);
  });

  it("the list filters by status and milestone through the API, and sorts", async () => {
    await page.getByRole("button", { name: "List", exact: true }).click();
    const table = page.locator("table.tasks");
    await table.waitFor();
    const all = await missionTasks();
    const rows = () => table.locator("tbody tr");
    await expect.poll(() => rows().count()).toBe(all.length);

    await page.getByLabel("Status", { exact: true }).selectOption("done");
    const done = all.filter((t) => t.status === "done");
    await expect.poll(() => rows().count()).toBe(done.length);
    expect(new Set(await rows().locator("td:nth-child(3)").allTextContents())).toEqual(new Set(["Done"]));

    await page.getByLabel("Status", { exact: true }).selectOption("");
    await page.getByLabel("Milestone", { exact: true }).selectOption({ label: "FED-M1" });
    await expect.poll(() => rows().count()).toBe(10);
    expect(new Set(await rows().locator("td:nth-child(5)").allTextContents())).toEqual(new Set(["FED-M1"]));

    await page.getByLabel("Order", { exact: true }).selectOption("desc");
    await expect.poll(() => rows().first().locator("td").first().textContent()).toBe("FED-M1-10");
    expect(await screenshots(page, "task-list")).toBe(0);
  });

  it("another user gets the not-found page at the mission's URL, and the API answers 404", async () => {
    const other = await browser.newContext({ viewport: DESKTOP });
    try {
      const signUp = await other.request.post(`${gw.url}/api/auth/sign-up`, {
        data: { name: "Olaf Outsider", email: "olaf@example.com", password: "correct horse battery" },
      });
      expect(signUp.status()).toBe(201);
      const page2 = await other.newPage();
      await page2.goto(`${gw.url}/missions/${missionId}`);
      await page2.getByRole("heading", { name: "Mission not found" }).waitFor();
      expect(await page2.getByText("FED-M1").count()).toBe(0);
      expect((await other.request.get(`${gw.url}/api/missions/${missionId}`)).status()).toBe(404);
    } finally {
      await other.close();
    }
  });
});
