/**
 * Component tests of the TUI's federation view against a real gateway (in this process, PGlite, real
 * TLS): the gateway enrolls with itself, so the view shows an active grant, a peer with its
 * certificate expiry, a pending grant and the audit rows those wrote; a member gets the 403 state.
 */

import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@mosaic/config";
import { type RunningGateway, startGateway } from "@mosaic/gateway";
import { render } from "ink-testing-library";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GatewayClient } from "../client.js";
import { App } from "./App.js";
import { tuiApi } from "./api.js";
import { federationLines } from "./FederationView.js";
import type { FederationSnapshot } from "./federationData.js";
import { openLiveFeed } from "./live.js";

const SCOPE = { resources: ["tasks"], include_teams: true, include_personal: true, max_rows_per_query: 100 };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let gw: RunningGateway;
const tokens: { admin: string; member: string } = { admin: "", member: "" };
let spareGrantId = "";

/** Calls the gateway as `token`; throws on anything but the expected status. */
async function call(token: string, method: string, path: string, body?: unknown, expected = 200) {
  const res = await fetch(gw.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status !== expected) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function account(name: string): Promise<string> {
  const headers = { "content-type": "application/json", origin: gw.url };
  const email = `${name}@example.com`;
  const res = await fetch(`${gw.url}/api/auth/sign-up`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email, password: "correct horse battery", name }),
  });
  if (res.status !== 201) throw new Error(`sign-up ${name}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const token = await fetch(`${gw.url}/api/tokens`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "tui" }),
  });
  return ((await token.json()) as { secret: string }).secret;
}

beforeAll(async () => {
  const [port, federationPort, enrollPort] = [await freePort(), await freePort(), await freePort()];
  const config = loadConfig({
    MOSAIC_HOME: mkdtempSync(join(tmpdir(), "mosaic-tui-fed-")),
    MOSAIC_PORT: String(port),
    MOSAIC_FEDERATION: "1",
    MOSAIC_FEDERATION_HOST: "127.0.0.1",
    MOSAIC_FEDERATION_PORT: String(federationPort),
    MOSAIC_ENROLL_PORT: String(enrollPort),
  });
  gw = await startGateway(config, { logger: false });
  tokens.admin = await account("ada");
  tokens.member = await account("mo");
  const grant = (label: string) =>
    call(
      tokens.admin,
      "POST",
      "/api/federation/grants",
      { userEmail: "ada@example.com", peerLabel: label, scope: SCOPE },
      201,
    );
  // The gateway enrolls with itself over its real enrollment listener: grant active, one peer.
  const laptop = (await grant("laptop")) as { enrollment: { url: string } };
  await call(
    tokens.admin,
    "POST",
    "/api/federation/peers",
    { enrollmentUrl: laptop.enrollment.url, name: "self" },
    201,
  );
  spareGrantId = ((await grant("spare")) as { grant: { id: string } }).grant.id;
}, 120_000);

afterAll(async () => {
  await gw?.stop();
});

let view: ReturnType<typeof render> | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

function mount(token: string) {
  const client = new GatewayClient({ url: gw.url, token, timeoutMs: 10_000 });
  view = render(
    <App
      api={tuiApi(client)}
      connectLive={(h) => openLiveFeed({ url: gw.url, token, initialDelayMs: 50, maxDelayMs: 200, ...h })}
      gatewayUrl={gw.url}
      user="ada@example.com"
      width={80}
      height={24}
    />,
  );
}

const screen = () => view?.lastFrame() ?? "";
const see = (text: string | RegExp) =>
  vi.waitFor(() => expect(screen()).toMatch(typeof text === "string" ? new RegExp(escapeRegExp(text)) : text), {
    timeout: 10_000,
  });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const press = async (key: string) => {
  await pause(80);
  view?.stdin.write(key);
  await pause(30);
};

describe("mosaic tui: the federation view", () => {
  it("f opens it from the projects: grants with status, the peer with its certificate expiry, the latest audit rows", async () => {
    mount(tokens.admin);
    await see("Mosaic › projects");
    await press("f");
    await see("Mosaic › federation (read-only");
    await see("GRANTS (2)");
    expect(screen()).toMatch(/on · peers reach 127\.0\.0\.1 \(enroll :\d+/);
    expect(screen()).toMatch(/active\s+laptop\s+ada@example\.com\s+never/);
    expect(screen()).toMatch(/pending\s+spare\s+ada@example\.com/);
    expect(screen()).toContain("PEERS (1)");
    expect(screen()).toMatch(/active\s+self\s+\d{4}-\d\d-\d\d \d\d:\d\d \(in 30 d\)\s+https:\/\/127\.0\.0\.1:\d+/);
    expect(screen()).toMatch(/peer\.add\s+success/);
    expect(screen()).toMatch(/enroll\s+success/);
    expect(screen()).toMatch(/grant\.create\s+success/);
    const lines = screen().split("\n");
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);

    await press("\u001B");
    await see("Mosaic › projects");
    expect(screen()).not.toContain("GRANTS");
    await press("?");
    await see(/f\s+federation: grants, peers, latest audit rows/);
  });

  it("r reads again: a grant revoked elsewhere shows as revoked, with its audit row", async () => {
    mount(tokens.admin);
    await press("f");
    await see(/pending\s+spare/);
    await call(tokens.admin, "POST", `/api/federation/grants/${spareGrantId}/revoke`);
    await press("r");
    await see(/revoked\s+spare/);
    await see(/grant\.revoke\s+success/);
    expect(screen()).toContain("Mosaic › federation");
  });

  it("a member gets a clear 403 state instead of the lists", async () => {
    mount(tokens.member);
    await see("Mosaic › projects");
    await press("f");
    await see("403 — admins only");
    expect(screen()).not.toContain("GRANTS");
    await press("p");
    await see("Mosaic › projects");
  });
});

describe("federation view layout", () => {
  const base = {
    id: "00000000-0000-4000-8000-000000000000",
    subjectUserId: "00000000-0000-4000-8000-000000000001",
    subjectEmail: "ada@example.com",
    scope: { ...SCOPE, resources: ["tasks" as const], excluded_resources: [] },
    status: "active" as const,
    expiresAt: null,
    currentCertSerial: null,
    createdBy: null,
    activatedAt: null,
    revokedAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("fits many grants into the rows it has, saying how many more there are", () => {
    const grants = Array.from({ length: 40 }, (_, i) => ({ ...base, peerLabel: `peer-${i}` }));
    const snapshot: FederationSnapshot = {
      kind: "ok",
      status: { enabled: false, host: "localhost", enrollPort: 4244, federationPort: 4243, caFingerprint: null },
      grants,
      moreGrants: false,
      peers: [],
      audit: [],
    };
    const lines = federationLines(snapshot, 19, Date.parse("2026-02-01T00:00:00Z")).map((l) => l.text);
    expect(lines.length).toBeLessThanOrEqual(19);
    expect(lines[0]).toMatch(/^off — start the gateway with MOSAIC_FEDERATION=1/);
    expect(lines).toContain("GRANTS (40)");
    expect(lines.some((l) => /… \d+ more — mosaic federation grant list/.test(l))).toBe(true);
    expect(lines).toContain("PEERS (0)");
    expect(lines).toContain("LATEST AUDIT");
  });
});
