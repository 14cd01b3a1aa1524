/**
 * E2E: the Federation pages in Debian's Chromium against real gateway processes — A's admin creates a
 * grant through the scope form and sees the enrollment URL once; B enrolls with the built CLI; A's
 * list shows the grant active, B's peers page the peer (and B's own add form: a spent URL's 410, a
 * fresh enrollment, remove); revoke from the web and its audit rows; a member's 403 state; a
 * gateway with federation off says how to switch it on.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, launchChromium, screenshots } from "../support/browser.js";
import { baseEnv, type GatewayProcess, startGateway, tempHome } from "../support/cli.js";
import { type FederatedGateway, startFederatedGateway } from "../support/federation.js";

const hasChromium = chromiumAvailable();
const PASSWORD = "correct horse battery";
const URL_PATTERN = /^https:\/\/127\.0\.0\.1:\d+\/enroll\/[A-Za-z0-9_-]{43}#sha256=[0-9a-f]{64}$/;

/** A browser context signed in to `gatewayUrl` (sign-in through the API; the sign-in screen has its own suite). */
async function signedIn(browser: Browser, gatewayUrl: string, email: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const res = await ctx.request.post(`${gatewayUrl}/api/auth/sign-in`, { data: { email, password: PASSWORD } });
  if (res.status() !== 200) throw new Error(`sign-in as ${email}: ${res.status()} ${await res.text()}`);
  return ctx;
}

const noSidewaysScroll = async (page: Page, name: string) => expect(await screenshots(page, name)).toBe(0);

describe.skipIf(!hasChromium)("federation pages in a real browser", () => {
  let A: FederatedGateway;
  let B: FederatedGateway;
  let browser: Browser;
  let ctxA: BrowserContext;
  let page: Page;
  let enrollmentUrl = "";
  let grantId = "";

  const grantRow = (label: string) =>
    page.getByRole("list", { name: "Grants" }).getByRole("listitem").filter({ hasText: label });

  beforeAll(async () => {
    [A, B] = await Promise.all([startFederatedGateway("a"), startFederatedGateway("b")]);
    browser = await launchChromium();
    ctxA = await signedIn(browser, A.proc.url, A.admin.email);
    await ctxA.grantPermissions(["clipboard-read", "clipboard-write"], { origin: A.proc.url });
    page = await ctxA.newPage();
  }, 320_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.allSettled([A, B].filter(Boolean).map((g) => g.proc.stop()));
  });

  it("the admin finds Federation in the navigation; the form checks every field before sending anything", async () => {
    await page.goto(`${A.proc.url}/projects`);
    await page.getByRole("link", { name: "Federation" }).click();
    await page.getByRole("heading", { name: "New grant" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/federation");
    await page.getByText("No grants yet").waitFor();

    await page.getByLabel("Max rows per query").fill("10001");
    await page.getByLabel("Expires (optional)").fill("2020-01-01T00:00");
    await page.getByRole("button", { name: "Create grant" }).click();
    expect(await page.locator(".grant-form .field-error").allTextContents()).toEqual([
      "Enter an email address like name@example.com.",
      "Required.",
      "Pick at least one resource.",
      "Must be at most 10000.",
      "Must be in the future.",
    ]);
    expect(await page.getByLabel("Subject user email").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("group", { name: "Resources", exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(((await A.api("GET", "/api/federation/grants")).json as { items: unknown[] }).items).toEqual([]);
    await noSidewaysScroll(page, "federation-grant-form-errors");
  });

  it("shows the gateway's own answer on the field: an email with no account here is a 404 on the email", async () => {
    await page.getByLabel("Subject user email").fill("nobody@example.com");
    await page.getByLabel("Peer label").fill("laptop");
    const resources = page.getByRole("group", { name: "Resources", exact: true });
    await resources.getByLabel("tasks").check();
    await resources.getByLabel("notes").check();
    await page.getByRole("group", { name: "Excluded resources" }).getByLabel("notes").check();
    await page.getByLabel("Max rows per query").fill("500");
    await page.getByLabel("Expires (optional)").fill("");
    await page.getByRole("button", { name: "Create grant" }).click();
    await page.getByText("No account on this gateway has this email.").waitFor();
    expect(((await A.api("GET", "/api/federation/grants")).json as { items: unknown[] }).items).toEqual([]);
  });

  it("creates a grant: the enrollment URL is shown once with a copy button, and the grant is pending", async () => {
    await page.getByLabel("Subject user email").fill(A.admin.email);
    await page.getByRole("button", { name: "Create grant" }).click();
    await page.getByRole("heading", { name: "Grant for “laptop” created" }).waitFor();
    await page.getByText("You won't see this URL again.").waitFor();
    // Focus moves to the card, which sits above the form just submitted.
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-labelledby')")).toBe("new-grant");
    enrollmentUrl = await page.getByLabel("Enrollment URL").inputValue();
    expect(enrollmentUrl).toMatch(URL_PATTERN);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await page.getByText(/Copied to the clipboard|Selected — press Ctrl\+C/).waitFor();

    await grantRow("laptop").getByText("pending", { exact: true }).waitFor();
    expect(await grantRow("laptop").textContent()).toContain("tasks, notes (minus notes)");
    const { items } = (await A.api("GET", "/api/federation/grants")).json as {
      items: Array<{ id: string; status: string; scope: Record<string, unknown> }>;
    };
    expect(items).toHaveLength(1);
    grantId = items[0]?.id ?? "";
    expect(items[0]).toMatchObject({
      status: "pending",
      scope: {
        resources: ["tasks", "notes"],
        excluded_resources: ["notes"],
        include_teams: true,
        include_personal: true,
        max_rows_per_query: 500,
      },
    });
    await noSidewaysScroll(page, "federation-grant-created");

    // Only that answer held it: after a reload the page has no trace of the URL or its token.
    await page.reload();
    await grantRow("laptop").waitFor();
    const token = new URL(enrollmentUrl).pathname.split("/").pop() ?? "";
    expect(await page.getByLabel("Enrollment URL").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it("B enrolls from that URL (the built CLI): A's list shows it active, B's Peers page the peer; B's add form and remove", async () => {
    // The status the pages read, through the CLI: on, and the CA the URL pins.
    const status = await A.cli(["federation", "status", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      enabled: true,
      host: "127.0.0.1",
      enrollPort: A.enrollPort,
      caFingerprint: new URL(enrollmentUrl).hash.replace("#sha256=", ""),
    });

    const added = await B.cli(["federation", "peer", "add", enrollmentUrl, "--name", "alpha", "--json"]);
    expect(added.code, added.stderr).toBe(0);

    await page.reload();
    await grantRow("laptop").getByText("active", { exact: true }).waitFor();
    await grantRow("laptop").getByRole("link", { name: "laptop" }).click();
    await page.getByRole("heading", { name: "laptop", level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/federation/grants/${grantId}`);
    expect(await page.locator("dl.facts").textContent()).toMatch(/Certificate serial[0-9a-f]{16,}/i);
    await noSidewaysScroll(page, "federation-grant-detail");

    const ctxB = await signedIn(browser, B.proc.url, B.admin.email);
    try {
      const pageB = await ctxB.newPage();
      await pageB.goto(`${B.proc.url}/federation/peers`);
      const peer = pageB.getByRole("list", { name: "Peers" }).getByRole("listitem").filter({ hasText: "alpha" });
      await peer.getByText("active", { exact: true }).waitFor();
      expect(await peer.textContent()).toMatch(/certificate expires .+ \(in 30 days\)/);
      expect(await peer.textContent()).toContain(`https://127.0.0.1:${A.federationPort}`);
      await noSidewaysScroll(pageB, "federation-peers");
      await peer.getByRole("link", { name: "alpha" }).click();
      await pageB.getByRole("heading", { name: "alpha", level: 2 }).waitFor();
      expect(await pageB.locator("dl.facts").textContent()).toContain(grantId);
      await pageB.getByText("Client certificate (public)").click();
      expect(await pageB.locator("pre.pem").first().textContent()).toContain("BEGIN CERTIFICATE");
      expect(await pageB.content()).not.toContain("PRIVATE KEY");

      // The Add a peer form: a spent URL is A's 410, a fresh one enrolls, Remove asks first.
      await pageB.getByRole("link", { name: "Peers", exact: true }).click();
      await pageB.getByLabel("Enrollment URL").fill(enrollmentUrl);
      await pageB.getByLabel("Name (optional)").fill("again");
      await pageB.getByRole("button", { name: "Add peer" }).click();
      await pageB.getByText("The enrollment URL was already used or has expired").waitFor();
      await noSidewaysScroll(pageB, "federation-peer-add-410");
      const fresh = (await A.api("POST", "/api/federation/grants", {
        userEmail: A.admin.email,
        peerLabel: "phone",
        scope: { resources: ["notes"], include_teams: false, include_personal: true, max_rows_per_query: 10 },
      })) as { status: number; json: { enrollment: { url: string } } };
      expect(fresh.status).toBe(201);
      await pageB.getByLabel("Enrollment URL").fill(fresh.json.enrollment.url);
      await pageB.getByLabel("Name (optional)").fill("Bad Name");
      await pageB.getByRole("button", { name: "Add peer" }).click();
      await pageB.getByText("Lowercase letters, digits and inner hyphens, 1–63 characters").waitFor();
      await pageB.getByLabel("Name (optional)").fill("beta");
      await pageB.getByRole("button", { name: "Add peer" }).click();
      const beta = pageB.getByRole("list", { name: "Peers" }).getByRole("listitem").filter({ hasText: "beta" });
      await beta.getByText("active", { exact: true }).waitFor();
      await beta.getByRole("button", { name: "Remove" }).click();
      await pageB
        .getByRole("dialog", { name: "Remove the peer “beta”?" })
        .getByRole("button", { name: "Remove peer" })
        .click();
      await expect.poll(() => beta.count()).toBe(0);
      const left = (await B.api("GET", "/api/federation/peers")).json as { items: Array<{ name: string }> };
      expect(left.items.map((p) => p.name)).toEqual(["alpha"]);
    } finally {
      await ctxB.close();
    }
  });

  it("revokes from the web after a confirmation; the audit log filtered to revokes shows the row", async () => {
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke the grant for “laptop”?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(
      ((await A.api("GET", `/api/federation/grants/${grantId}`)).json as { grant: { status: string } }).grant.status,
    ).toBe("active");
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.getByRole("button", { name: "Revoke grant" }).click();
    await page.locator(".page-head").getByText("revoked", { exact: true }).waitFor();
    expect(
      ((await A.api("GET", `/api/federation/grants/${grantId}`)).json as { grant: { status: string } }).grant.status,
    ).toBe("revoked");

    await page.getByRole("link", { name: "Audit log of this grant" }).click();
    await page.getByRole("table").waitFor();
    expect(await page.getByLabel("Grant id").inputValue()).toBe(grantId);
    const actions = async () => page.locator("table.audit tbody td:nth-child(2)").allTextContents();
    // B's replay of the spent URL is there too: a `gone` enroll row with its true reason.
    await expect.poll(actions).toEqual(["grant.revoke", "enroll", "enroll", "grant.create"]);
    const outcomes = await page.locator("table.audit tbody td:nth-child(3)").allTextContents();
    const reasons = await page.locator("table.audit tbody td:nth-child(6)").allTextContents();
    expect(outcomes).toEqual(["success", "gone", "success", "success"]);
    expect(reasons[1]).toBe("already_used");

    await page.getByLabel("Action").selectOption("grant.revoke");
    await page.getByLabel("Outcome").selectOption("success");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(actions).toEqual(["grant.revoke"]);
    expect(new URL(page.url()).search).toBe(`?grantId=${grantId}&action=grant.revoke&outcome=success`);
    const row = page.locator("table.audit tbody tr").first();
    expect(await row.locator("td").nth(2).textContent()).toBe("success");
    expect(await row.locator("td").nth(4).textContent()).toBe(`admin:${A.admin.id}`);
    await noSidewaysScroll(page, "federation-audit");

    // The grants list filtered by status agrees.
    await page.getByRole("link", { name: "Grants", exact: true }).click();
    await page.getByLabel("Status").selectOption("revoked");
    await grantRow("laptop").getByText("revoked", { exact: true }).waitFor();
    // B's second enrollment (phone) is still active: removing a peer on B does not revoke on A.
    await page.getByLabel("Status").selectOption("active");
    await grantRow("phone").getByText("active", { exact: true }).waitFor();
    expect(await grantRow("laptop").count()).toBe(0);
    await page.getByLabel("Status").selectOption("expired");
    await page.getByText("No expired grants.").waitFor();
  });

  it("a bad grant id in the audit filter is caught on the field", async () => {
    await page.goto(`${A.proc.url}/federation/audit`);
    await page.getByLabel("Grant id").fill("not-a-uuid");
    await page.getByRole("button", { name: "Filter" }).click();
    expect(await page.locator(".filters .field-error").textContent()).toMatch(/Not a valid uuid/i);
  });

  it("a member sees no Federation link and gets the 403 state at the URL; the API answers 403", async () => {
    const member = await browser.newContext({ viewport: DESKTOP });
    try {
      const email = "member@example.com";
      const res = await member.request.post(`${A.proc.url}/api/auth/sign-up`, {
        data: { name: "Mo Member", email, password: PASSWORD },
      });
      expect(res.status()).toBe(201);
      const p = await member.newPage();
      await p.goto(`${A.proc.url}/projects`);
      await p.getByRole("heading", { name: "Projects" }).waitFor();
      expect(await p.getByRole("link", { name: "Federation" }).count()).toBe(0);
      for (const path of ["/federation", "/federation/peers", "/federation/audit", `/federation/grants/${grantId}`]) {
        await p.goto(`${A.proc.url}${path}`);
        await p.getByText("403 — admins only.").waitFor();
        expect(await p.getByRole("list", { name: "Grants" }).count()).toBe(0);
      }
      await noSidewaysScroll(p, "federation-403");
      expect((await member.request.get(`${A.proc.url}/api/federation/grants`)).status()).toBe(403);
    } finally {
      await member.close();
    }
  });
});

describe.skipIf(!hasChromium)("federation pages on a gateway with federation off", () => {
  let gw: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    gw = await startGateway(baseEnv({ MOSAIC_HOME: tempHome() }), 150_000);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
  });

  it("says federation is off and how to switch it on, and offers no create or add forms", async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const res = await ctx.request.post(`${gw.url}/api/auth/sign-up`, {
      data: { name: "Ada Admin", email: "ada@example.com", password: PASSWORD },
    });
    expect(res.status()).toBe(201);
    const page = await ctx.newPage();
    await page.goto(`${gw.url}/federation`);
    await page.getByText("Federation is off on this gateway.").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "MOSAIC_FEDERATION=1" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "New grant" }).count()).toBe(0);
    await page.getByText("No grants yet").waitFor();
    await noSidewaysScroll(page, "federation-off");
    await page.getByRole("link", { name: "Peers" }).click();
    await page.getByText("Federation is off on this gateway.").waitFor();
    expect(await page.getByRole("heading", { name: "Add a peer" }).count()).toBe(0);
    // What the pages rely on.
    expect(await (await ctx.request.get(`${gw.url}/api/federation/status`)).json()).toMatchObject({ enabled: false });
    await ctx.close();
  });
});
