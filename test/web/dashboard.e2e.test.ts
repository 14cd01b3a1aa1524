/**
 * E2E: the web dashboard in Debian's Chromium against a real gateway process on PGlite — first run,
 * projects, teams, tokens, a second user who sees none of it, and a gateway restart under an open page.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, launchChromium, screenshots } from "../support/browser.js";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../support/cli.js";

const hasChromium = chromiumAvailable();
const PASSWORD = "correct horse battery";

describe.skipIf(!hasChromium)("web dashboard in a real browser", () => {
  let gw: GatewayProcess;
  let env: Record<string, string>;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  const ids: { project?: string; team?: string; teamProject?: string } = {};
  /** The second user's browser (Bob, a member). */
  let other: BrowserContext;

  /** The API as the admin's browser session (same cookie jar as the page). */
  const api = (path: string, init?: { method?: string; headers?: Record<string, string> }) =>
    admin.request.fetch(`${gw.url}${path}`, init);
  const idFromUrl = (p: Page) => new URL(p.url()).pathname.split("/").pop() ?? "";
  const expectNoSidewaysScroll = async (p: Page, name: string) => expect(await screenshots(p, name)).toBe(0);

  // A first PGlite start (initdb + migrations) can take most of a minute on a loaded machine.
  beforeAll(async () => {
    env = baseEnv({ MOSAIC_HOME: tempHome() });
    gw = await startGateway(env, 90_000);
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: DESKTOP });
    page = await admin.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("first run: the empty gateway offers the admin sign-up, checks the fields, then signs in", async () => {
    await page.goto(`${gw.url}/`);
    await page.getByRole("heading", { name: "Welcome to Mosaic" }).waitFor();
    await expectNoSidewaysScroll(page, "first-run");

    await page.getByRole("button", { name: "Create the admin account" }).click();
    expect(await page.locator(".field-error").allTextContents()).toEqual([
      "Required.",
      "Enter an email address like name@example.com.",
      "At least 8 characters.",
    ]);
    expect(await page.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Name").fill("Ada Admin");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/projects");
    await expect(page.getByRole("link", { name: "Users" }).isVisible()).resolves.toBe(true);
    expect((await (await api("/api/me")).json()).user.role).toBe("admin");
  });

  it("creates a project, renames it (persisted), archives and unarchives it", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Apollo");
    await page.getByLabel("Description").fill("Moon shot");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: "Apollo", level: 1 }).waitFor();
    ids.project = idFromUrl(page);

    await page.getByLabel("Name", { exact: true }).fill("Apollo 11");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Apollo 11", level: 1 }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Apollo 11", level: 1 }).waitFor();
    expect((await (await api(`/api/projects/${ids.project}`)).json()).project.name).toBe("Apollo 11");

    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await page.getByText("Archived", { exact: true }).waitFor();
    expect((await (await api(`/api/projects/${ids.project}`)).json()).project.status).toBe("archived");
    await page.getByRole("button", { name: "Unarchive" }).click();
    await page.getByRole("button", { name: "Archive", exact: true }).waitFor();
    expect(await page.getByText("Archived", { exact: true }).count()).toBe(0);
    await expectNoSidewaysScroll(page, "project");
  });

  it("an empty rename is stopped at the field, and a cancelled delete deletes nothing", async () => {
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Required.").waitFor();
    await page.getByRole("button", { name: "Delete project" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Delete “Apollo 11”?" }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await api(`/api/projects/${ids.project}`)).status()).toBe(200);
  });

  it("works from the keyboard: skip link, focus on navigation, Esc closes a confirmation", async () => {
    const focused = () => page.evaluate("document.activeElement?.id || document.activeElement?.textContent");
    await page.goto(`${gw.url}/projects/${ids.project}`);
    await page.getByRole("heading", { name: "Apollo 11", level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await focused()).toBe("main");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Projects"); // the breadcrumb, first thing in the page

    await page.getByRole("button", { name: "Delete project" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await focused()).toBe("Cancel"); // the safe choice has focus
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await api(`/api/projects/${ids.project}`)).status()).toBe(200);

    // In-app navigation moves focus to the new page's main region.
    await page.getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { name: "Teams", level: 1 }).waitFor();
    expect(await focused()).toBe("main");
  });

  it("creates a team, shows a clear error for an unknown member email, and creates a team project", async () => {
    await page.getByRole("link", { name: "Teams" }).click();
    await page.getByLabel("Team name").fill("Crew");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("heading", { name: "Crew", level: 1 }).waitFor();
    ids.team = idFromUrl(page);

    await page.getByLabel("Member's email").fill("nobody@example.com");
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByText("Account with that email not found").waitFor();
    await expectNoSidewaysScroll(page, "team");

    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill("Crew launch");
    await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Team: Crew" });
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: "Crew launch", level: 1 }).waitFor();
    ids.teamProject = idFromUrl(page);
    await page.getByRole("link", { name: "Team: Crew" }).waitFor();
    const body = await (await api(`/api/projects/${ids.teamProject}`)).json();
    expect(body.project.owner).toEqual({ kind: "team", teamId: ids.team });

    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("link", { name: "Crew launch" }).waitFor();
    await page.getByRole("link", { name: "Apollo 11" }).waitFor();
    await expectNoSidewaysScroll(page, "projects");
    await page.emulateMedia({ colorScheme: "dark" });
    await expectNoSidewaysScroll(page, "projects-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("creates a token shown once that works as a bearer, then revokes it", async () => {
    await page.getByRole("link", { name: "Tokens" }).click();
    await page.getByLabel("Token name").fill("laptop CLI");
    await page.getByRole("button", { name: "Create token" }).click();
    const secretInput = page.getByLabel("The new token");
    await secretInput.waitFor();
    const secret = await secretInput.inputValue();
    expect(secret).toMatch(/^mos_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText(/Copied to the clipboard|Selected — press/).waitFor();
    await expectNoSidewaysScroll(page, "tokens");

    const bearer = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${gw.url}/api/me`, { headers: bearer })).status).toBe(200);
    // Shown once: gone after dismissing, and never again after a reload.
    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.getByLabel("The new token").count()).toBe(0);
    await page.reload();
    await page.getByText("laptop CLI", { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await page.getByText(/^revoked /).waitFor();
    expect((await fetch(`${gw.url}/api/me`, { headers: bearer })).status).toBe(401);
  });

  it("a second user sees none of the first user's projects or teams; direct URLs are not found", async () => {
    other = await browser.newContext({ viewport: DESKTOP });
    {
      const page2 = await other.newPage();
      await page2.goto(`${gw.url}/projects/${ids.project}`);
      await page2.getByRole("heading", { name: "Sign in" }).waitFor();
      await expectNoSidewaysScroll(page2, "sign-in");
      await page2.getByRole("link", { name: "Create an account" }).click();
      await page2.getByLabel("Name").fill("Bob Member");
      await page2.getByLabel("Email").fill("bob@example.com");
      await page2.getByLabel("Password").fill(PASSWORD);
      await page2.getByRole("button", { name: "Create account" }).click();
      await page2.getByText("No active projects yet").waitFor();
      expect(await page2.getByRole("link", { name: "Users" }).count()).toBe(0);

      for (const [path, heading] of [
        [`/projects/${ids.project}`, "Project not found"],
        [`/projects/${ids.teamProject}`, "Project not found"],
        [`/teams/${ids.team}`, "Team not found"],
      ] as const) {
        await page2.goto(`${gw.url}${path}`);
        await page2.getByRole("heading", { name: heading }).waitFor();
      }
      await expectNoSidewaysScroll(page2, "not-found");
      const listed = await (await other.request.get(`${gw.url}/api/projects`)).json();
      expect(listed.items).toEqual([]);
      await page2.goto(`${gw.url}/admin/users`);
      await page2.getByText("Only gateway admins can manage accounts.").waitFor();
    }
  });

  it("the admin disables the second user (their open page drops to sign-in) and enables them again", async () => {
    await page.getByRole("link", { name: "Users" }).click();
    const bob = page.getByRole("listitem").filter({ hasText: "bob@example.com" });
    await bob.waitFor();
    await expectNoSidewaysScroll(page, "admin-users");
    await bob.getByRole("button", { name: "Disable" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
    await bob.getByText("disabled", { exact: true }).waitFor();

    const [page2] = other.pages();
    if (!page2) throw new Error("the second user's page is gone");
    await page2.getByRole("link", { name: "Projects" }).first().click();
    await page2.getByText("Your session ended — sign in again.").waitFor();
    await page2.getByLabel("Email").fill("bob@example.com");
    await page2.getByLabel("Password").fill(PASSWORD);
    await page2.getByRole("button", { name: "Sign in" }).click();
    await page2.getByText("This account is disabled — ask an admin").waitFor();

    await bob.getByRole("button", { name: "Enable" }).click();
    await bob.getByRole("button", { name: "Disable" }).waitFor();
    await page2.getByRole("button", { name: "Sign in" }).click();
    await page2.getByRole("heading", { name: "Projects" }).waitFor();
  });

  it("adds the second user to the team (they see its project), changes their role, removes them", async () => {
    await page.goto(`${gw.url}/teams/${ids.team}`);
    await page.getByLabel("Member's email").fill("bob@example.com");
    await page.getByRole("button", { name: "Add member" }).click();
    const bob = page.getByRole("listitem").filter({ hasText: "bob@example.com" });
    const role = bob.getByLabel("Role of bob@example.com");
    await role.waitFor();
    expect(await role.inputValue()).toBe("member");

    const [page2] = other.pages();
    if (!page2) throw new Error("the second user's page is gone");
    await page2.reload();
    await page2.getByRole("link", { name: "Crew launch" }).waitFor();
    expect(await page2.getByRole("link", { name: "Apollo 11" }).count()).toBe(0);

    await role.selectOption("admin");
    const bobsRole = async () => {
      const { members } = await (await api(`/api/teams/${ids.team}`)).json();
      return members.find((m: { email: string }) => m.email === "bob@example.com")?.role;
    };
    await expect.poll(bobsRole).toBe("admin");

    await bob.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await bob.waitFor({ state: "detached" });
    await page2.reload();
    await page2.getByText("No active projects yet").waitFor();
    await other.close();
  });

  it("keeps the page and shows a retry banner while the gateway restarts, then reloads its data", {
    timeout: 120_000,
  }, async () => {
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("link", { name: "Apollo 11" }).waitFor();
    const port = new URL(gw.url).port;
    expect(await gw.stop()).toBe(0);

    await page.getByRole("link", { name: "Teams" }).click();
    await page.getByText("Lost contact with the gateway").waitFor();
    await expect(page.getByRole("heading", { name: "Teams" }).isVisible()).resolves.toBe(true);
    await expectNoSidewaysScroll(page, "reconnecting");

    // "Retry now" while it is still down: the banner stays and the page keeps its content.
    await page.getByRole("button", { name: "Retry now" }).click();
    await page.getByText("Lost contact with the gateway").waitFor();

    gw = await startGateway({ ...env, MOSAIC_PORT: port }, 90_000);
    // The automatic retry (backoff ≤ 10 s) notices it is back and the banner goes.
    await page.getByText("Lost contact with the gateway").waitFor({ state: "hidden", timeout: 20_000 });
    // The same session cookie works after the restart, and the page loaded its data.
    await page.getByRole("link", { name: "Crew" }).waitFor();
  });

  it("signs out to the sign-in screen; the old session no longer works", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect((await api("/api/me")).status()).toBe(401);
  });
});
