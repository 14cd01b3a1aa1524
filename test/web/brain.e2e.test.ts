/**
 * E2E: notes, memory and the task/mission forms in Debian's Chromium against a real gateway on
 * PGlite — a note written with its live preview (and raw HTML kept inert), tags, a stored insight
 * found by memory search, a task created and edited through the form (with a field error from the
 * server), a mission made and edited by hand, and another user who can't open any of it.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, launchChromium, screenshots } from "../support/browser.js";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../support/cli.js";

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)("notes, memory and task forms in a real browser", () => {
  let gw: GatewayProcess;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let projectId = "";
  let noteId = "";
  let taskId = "";

  const json = async (path: string, init?: { method?: string; data?: unknown }) => {
    const res = await ctx.request.fetch(`${gw.url}${path}`, init);
    if (!res.ok()) throw new Error(`${init?.method ?? "GET"} ${path} → ${res.status()} ${await res.text()}`);
    return res.status() === 204 ? undefined : res.json();
  };
  const idFromUrl = () => new URL(page.url()).pathname.split("/").pop() ?? "";

  beforeAll(async () => {
    gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), 90_000);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: DESKTOP });
    await json("/api/auth/sign-up", {
      method: "POST",
      data: { name: "Nia Notes", email: "nia@example.com", password: "correct horse battery" },
    });
    projectId = (await json("/api/projects", { method: "POST", data: { name: "Garden" } })).project.id;
    page = await ctx.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("writes a note: the preview follows the text, raw HTML stays text, tags and text are saved", async () => {
    await page.goto(`${gw.url}/notes`);
    await page.getByText("No notes yet").waitFor();
    expect(await screenshots(page, "notes-empty")).toBe(0);

    // The title is checked before anything is sent.
    await page.getByRole("button", { name: "Write a note" }).click();
    await page.locator("#main .field-error", { hasText: "Required." }).waitFor();

    await page.getByLabel("New note title").fill("Tomato plan");
    await page.getByLabel("In", { exact: true }).selectOption({ label: "Garden" });
    await page.getByRole("button", { name: "Write a note" }).click();
    await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);
    noteId = idFromUrl();
    await page.getByRole("heading", { name: "Tomato plan", level: 1 }).waitFor();

    const body = [
      "# Beds",
      "",
      "Plant **six** seedlings, see [the guide](https://example.com/tomatoes).",
      "",
      "- water daily",
      "- stake at 30 cm",
      "",
      '<img src="x" onerror="window.__pwned = true"> <script>window.__pwned = true</script>',
      "[bad](javascript:window.__pwned=true)",
    ].join("\n");
    await page.getByLabel("Text (markdown)").fill(body);
    await page.getByLabel("Tags").fill("garden, summer  plants");
    const preview = page.locator(".editor-preview .markdown");
    await preview.getByRole("heading", { name: "Beds", level: 1 }).waitFor();
    expect(await preview.locator("strong").textContent()).toBe("six");
    expect(await preview.getByRole("link", { name: "the guide" }).getAttribute("href")).toBe(
      "https://example.com/tomatoes",
    );
    expect(await preview.getByRole("listitem").allTextContents()).toEqual(["water daily", "stake at 30 cm"]);
    // The HTML is shown as text and nothing in it ran; the javascript: link is not a link.
    expect(await preview.locator("img, script").count()).toBe(0);
    expect(await preview.textContent()).toContain('<img src="x" onerror="window.__pwned = true">');
    expect(await preview.getByRole("link", { name: "bad" }).count()).toBe(0);
    expect(await page.evaluate("window.__pwned === undefined")).toBe(true);
    await page.getByRole("status").filter({ hasText: "Unsaved changes" }).waitFor();

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    const saved = (await json(`/api/notes/${noteId}`)).note;
    expect(saved).toMatchObject({ body, tags: ["garden", "summer", "plants"], projectId });
    expect(await screenshots(page, "note-editor")).toBe(0);
  });

  it("a bad tag is refused next to the Tags field, and nothing is saved", async () => {
    await page.getByLabel("Tags").fill(`garden ${"x".repeat(70)}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const tags = page.getByLabel("Tags");
    expect(await tags.getAttribute("aria-invalid")).toBe("true");
    const errorId = await tags.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("At most 64 characters.");
    expect((await json(`/api/notes/${noteId}`)).note.tags).toEqual(["garden", "summer", "plants"]);
    await page.getByRole("button", { name: "Discard changes" }).click();
  });

  it("lists notes everywhere and in the project, filtered by a tag", async () => {
    await json("/api/notes", { method: "POST", data: { title: "Personal idea", tags: ["ideas"] } });
    await page.goto(`${gw.url}/notes`);
    const rows = page.getByRole("list", { name: "Notes" }).getByRole("listitem");
    await expect.poll(() => rows.count()).toBe(2);
    // From the keyboard: a tag is a real button.
    await page.getByRole("button", { name: "Show notes tagged summer" }).first().focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByRole("link").textContent()).toBe("Tomato plan");
    expect(await screenshots(page, "notes")).toBe(0);

    await page.goto(`${gw.url}/projects/${projectId}`);
    const section = page.locator("section[aria-labelledby='section-notes']");
    await section.getByRole("link", { name: "Tomato plan" }).waitFor();
    expect(await section.getByRole("link", { name: "Personal idea" }).count()).toBe(0);
  });

  it("a note changed elsewhere updates the open editor when it has no unsaved edits", async () => {
    await page.goto(`${gw.url}/notes/${noteId}`);
    await page.getByRole("heading", { name: "Tomato plan", level: 1 }).waitFor();
    await json(`/api/notes/${noteId}`, { method: "PATCH", data: { title: "Tomato plan v2" } });
    await page.getByRole("heading", { name: "Tomato plan v2", level: 1 }).waitFor({ timeout: 10_000 });
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Tomato plan v2");
  });

  it("memory: stores an insight and finds it by searching, ranked with kind and score", async () => {
    await page.goto(`${gw.url}/memory`);
    await page.getByText("Nothing remembered yet").waitFor();
    await page.getByText("No preferences yet").waitFor();
    await page.getByRole("textbox", { name: "Remember" }).fill("Nia prefers heirloom tomatoes grown from saved seed");
    await page.getByLabel("Category").fill("gardening");
    await page.getByRole("button", { name: "Add insight" }).click();
    const insights = page.getByRole("list", { name: "Insights" });
    await insights.locator(".insight-text", { hasText: "Nia prefers heirloom tomatoes" }).waitFor();

    await page.getByRole("searchbox", { name: "Words or a question" }).fill("heirloom tomatoes");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const hits = page.getByRole("list", { name: "Search results" }).getByRole("listitem");
    await hits.first().waitFor();
    expect(await hits.first().getAttribute("data-kind")).toBe("insight");
    expect(await hits.first().textContent()).toMatch(
      /1\.\s*gardening[\s\S]*heirloom[\s\S]*Insight[\s\S]*score \d\.\d{4}/,
    );

    // A preference: immutable ones are read-only, mutable ones can be edited.
    await page.getByLabel("Key").fill("reply-language");
    await page.getByLabel("Value", { exact: true }).fill('"en"');
    await page.getByRole("button", { name: "Set preference" }).click();
    await page.locator('[data-key="reply-language"] .pref-value').getByText("en", { exact: true }).waitFor();
    await json("/api/memory/preferences/units", { method: "PUT", data: { value: "metric", mutable: false } });
    await page.reload();
    const locked = page.locator('[data-key="units"]');
    await locked.getByText("Immutable").waitFor();
    expect(await locked.getByRole("button").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Edit reply-language" }).count()).toBe(1);
    // The form doesn't overwrite an immutable one either.
    await page.getByLabel("Key").fill("units");
    await page.getByLabel("Value", { exact: true }).fill("imperial");
    await page.getByRole("button", { name: "Set preference" }).click();
    await page.locator(".field-error", { hasText: "That preference is immutable" }).waitFor();
    expect((await json("/api/memory/preferences/units")).preference.value).toBe("metric");
    expect(await screenshots(page, "memory")).toBe(0);
  });

  it("search across kinds links a note hit to its page", async () => {
    await page.goto(`${gw.url}/search`);
    await page.getByLabel("Search notes, memory and tasks").fill("seedlings");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const hit = page.getByRole("list", { name: "Search results" }).getByRole("listitem").first();
    await hit.waitFor();
    expect(await hit.getAttribute("data-kind")).toBe("note");
    expect(await screenshots(page, "search")).toBe(0);
    await hit.getByRole("link", { name: "Tomato plan v2" }).click();
    await page.waitForURL(`${gw.url}/notes/${noteId}`);
  });

  it("creates a task through the form, then edits it (a bad value shows the field's error)", async () => {
    await page.goto(`${gw.url}/projects/${projectId}`);
    await page.getByRole("button", { name: "New task" }).click();
    const form = page.getByRole("form", { name: "New task" });
    await form.getByLabel("Title").fill("Build the trellis");
    await form.getByLabel("Priority").selectOption("high");
    await form.getByLabel("Assignee").fill("nia");
    await form.getByLabel("Due date").fill("2030-05-01");
    await form.getByLabel("Estimate").fill("3h");
    await form.getByRole("button", { name: "Create task" }).click();
    const card = page
      .locator("section.column[data-status='not-started']")
      .getByRole("link", { name: "Build the trellis" });
    await card.waitFor();
    const listed = (await json(`/api/projects/${projectId}/tasks`)).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      title: "Build the trellis",
      priority: "high",
      assignee: "nia",
      dueDate: "2030-05-01",
      estimate: "3h",
    });
    taskId = listed[0].id;

    await card.click();
    await page.waitForURL(`${gw.url}/tasks/${taskId}`);
    const edit = page.getByRole("form", { name: "Edit task" });
    await edit.getByLabel("Title").waitFor();
    expect(await edit.getByLabel("Title").inputValue()).toBe("Build the trellis");

    // Checked with the same contract the server uses, before anything is sent; the message sits by the field.
    await edit.getByLabel("ID", { exact: true }).fill("G 1");
    await edit.getByRole("button", { name: "Save task" }).click();
    const idField = edit.getByLabel("ID", { exact: true });
    await expect.poll(() => idField.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`[id="${await idField.getAttribute("aria-describedby")}"]`).textContent()).toMatch(
      /no spaces or commas/,
    );

    await idField.fill("G-1");

    // The server's own check: a dependency cycle is refused, and its answer sits under "Depends on".
    const dig = (
      await json(`/api/projects/${projectId}/tasks`, {
        method: "POST",
        data: { title: "Dig holes", dependsOn: [taskId] },
      })
    ).task;
    const deps = edit.getByLabel("Depends on");
    // Made elsewhere while the form is open: the live event brings it into the list.
    await deps.locator(`option[value="${dig.id}"]`).waitFor({ state: "attached", timeout: 10_000 });
    await deps.selectOption(dig.id);
    await edit.getByRole("button", { name: "Save task" }).click();
    await expect.poll(() => deps.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`[id="${await deps.getAttribute("aria-describedby")}"]`).textContent()).toBe(
      "one of these tasks already depends on this task",
    );
    expect((await json(`/api/tasks/${taskId}`)).task.dependsOn).toEqual([]);
    await deps.selectOption([]);
    await edit.getByLabel("Status").selectOption("in-progress");
    await edit.getByLabel("Branch").fill("feat/trellis");
    await edit.getByLabel("Assignee").fill("");
    await edit.getByLabel("Notes").fill("Use cedar.");
    await edit.getByRole("button", { name: "Save task" }).click();
    await edit.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const after = (await json(`/api/tasks/${taskId}`)).task;
    expect(after).toMatchObject({
      externalId: "G-1",
      status: "in-progress",
      branch: "feat/trellis",
      assignee: null,
      notes: "Use cedar.",
      title: "Build the trellis",
    });
    await page.getByRole("heading", { name: /G-1\s+Build the trellis/, level: 1 }).waitFor();
    expect(await screenshots(page, "task-edit")).toBe(0);
  });

  it("creates a mission and a milestone by hand, then edits the mission", async () => {
    await page.goto(`${gw.url}/projects/${projectId}`);
    await page.getByRole("button", { name: "New mission" }).click();
    const form = page.getByRole("form", { name: "New mission" });
    await form.getByRole("button", { name: "Create mission" }).click();
    await form.locator(".field-error", { hasText: "Required." }).waitFor();
    await form.getByLabel("Title").fill("Summer garden");
    await form.getByLabel("Goal").fill("Everything planted by June");
    await form.getByRole("button", { name: "Create mission" }).click();
    await page.waitForURL(/\/missions\/[0-9a-f-]{36}$/);
    const missionId = idFromUrl();
    await page.getByRole("heading", { name: "Summer garden", level: 1 }).waitFor();
    await page.getByText("No milestones yet.").waitFor();

    await page.getByLabel("New milestone").fill("Beds ready");
    await page.getByLabel("Milestone ID").fill("SG-M1");
    await page.getByRole("button", { name: "Add milestone" }).click();
    await page.getByRole("progressbar", { name: "SG-M1 progress" }).waitFor();

    await page.getByRole("button", { name: "Edit mission" }).click();
    const edit = page.getByRole("form", { name: "Edit mission" });
    await edit.getByLabel("Title").fill("Summer garden 2030");
    await edit.getByLabel("Status").selectOption("planning");
    await edit.getByRole("button", { name: "Save mission" }).click();
    await page.getByRole("heading", { name: "Summer garden 2030", level: 1 }).waitFor();
    const mission = (await json(`/api/missions/${missionId}`)).mission;
    expect(mission).toMatchObject({
      title: "Summer garden 2030",
      status: "planning",
      goal: "Everything planted by June",
    });
    expect(mission.milestones.map((m: { externalId: string }) => m.externalId)).toEqual(["SG-M1"]);
    expect(await screenshots(page, "mission-edit")).toBe(0);

    // Deleting asks first, then goes back to the project; the API no longer has it.
    await page.getByRole("button", { name: "Delete mission" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete mission" }).click();
    await page.waitForURL(`${gw.url}/projects/${projectId}`);
    expect((await ctx.request.get(`${gw.url}/api/missions/${missionId}`)).status()).toBe(404);
  });

  it("another user can't open the note or the task: the not-found page, and 404 from the API", async () => {
    const other = await browser.newContext({ viewport: DESKTOP });
    try {
      const signUp = await other.request.post(`${gw.url}/api/auth/sign-up`, {
        data: { name: "Otto Other", email: "otto@example.com", password: "correct horse battery" },
      });
      expect(signUp.status()).toBe(201);
      const page2 = await other.newPage();
      await page2.goto(`${gw.url}/notes/${noteId}`);
      await page2.getByRole("heading", { name: "Note not found" }).waitFor();
      await page2.goto(`${gw.url}/tasks/${taskId}`);
      await page2.getByRole("heading", { name: "Task not found" }).waitFor();
      expect((await other.request.get(`${gw.url}/api/notes/${noteId}`)).status()).toBe(404);
      await page2.goto(`${gw.url}/memory`);
      await page2.getByText("Nothing remembered yet").waitFor();
    } finally {
      await other.close();
    }
  });
});
