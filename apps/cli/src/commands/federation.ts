/**
 * @module `mosaic federation grant …` (on A: who may read what) and `mosaic federation peer …` (on B:
 * the gateways this one enrolled with), over the local gateway's admin API.
 */
import { readFileSync } from "node:fs";
import {
  AuditEntryView,
  FederationStatusResponse,
  GrantCreatedResponse,
  GrantResponse,
  GrantView,
  PeerDetailResponse,
  PeerListResponse,
  PeerResponse,
  pageOf,
} from "@mosaic/contracts";
import type { Command } from "commander";
import { CliError, EXIT, printJson, printTable } from "../output.js";
import { withExamples } from "./common.js";
import { clientOf } from "./federation/client.js";

const GrantPage = pageOf(GrantView);
const AuditPage = pageOf(AuditEntryView);

/** Help examples per leaf command (every API command shows some; a test checks). */
const EXAMPLES: Record<string, string[]> = {
  "federation audit": ["mosaic federation audit", "mosaic federation audit --outcome denied --json"],
  "federation status": ["mosaic federation status", "mosaic federation status --json"],
  "federation grant create": [
    `mosaic federation grant create --user me@example.com --peer-label laptop --scope '{"resources":["tasks","notes"],"include_teams":true,"include_personal":true,"max_rows_per_query":500}'`,
    "mosaic federation grant create --user me@example.com --peer-label work --scope @scope.json --expires 2027-01-01",
  ],
  "federation grant list": ["mosaic federation grant list", "mosaic federation grant list --status active --json"],
  "federation grant show": ["mosaic federation grant show 3f2a…"],
  "federation grant revoke": ["mosaic federation grant revoke 3f2a…"],
  "federation peer add": ["mosaic federation peer add 'https://home.example.net:4244/enroll/…#sha256=…' --name home"],
  "federation peer list": ["mosaic federation peer list", "mosaic federation peer list --json"],
  "federation peer show": ["mosaic federation peer show home"],
  "federation peer remove": ["mosaic federation peer remove home"],
};

function addExamples(command: Command, path: string[]): void {
  for (const sub of command.commands) {
    const subPath = [...path, sub.name()];
    const examples = EXAMPLES[subPath.join(" ")];
    if (examples) withExamples(sub, examples);
    addExamples(sub, subPath);
  }
}

export function registerFederationCommands(program: Command): void {
  const federation = program
    .command("federation")
    .description("grants to other gateways (A) and peers this gateway enrolled with (B); admins only")
    .option("--token <token>", "an admin's personal access token, instead of the profile's login (env MOSAIC_TOKEN)");
  registerGrantCommands(federation.command("grant").description("grants on this gateway (A)"));
  registerPeerCommands(federation.command("peer").description("peers this gateway (B) reads from"));
  federation
    .command("status")
    .description("whether federation is on, the host and ports peers use, and this gateway's CA fingerprint")
    .option("--json", "print { enabled, host, enrollPort, federationPort, caFingerprint } as JSON")
    .action(async (opts: { json?: boolean }, cmd) => {
      const s = await clientOf(cmd).json("GET", "/api/federation/status", FederationStatusResponse);
      if (opts.json) return printJson(s);
      printFields([
        ["enabled", s.enabled ? "yes" : "no"],
        ["host", s.host],
        ["enroll port", String(s.enrollPort)],
        ["federation port", String(s.federationPort)],
        ["CA sha256", s.caFingerprint ?? "-"],
      ]);
      if (!s.enabled) {
        process.stderr.write(
          "federation is off: start the gateway with MOSAIC_FEDERATION=1 (docs/federation/SETUP.md)\n",
        );
      }
    });
  federation
    .command("audit")
    .description("the federation audit log, newest first")
    .option("--grant <id>", "only this grant")
    .option("--action <action>", "only this action (enroll, grant.create, grant.revoke, peer.add, …)")
    .option("--outcome <outcome>", "success, denied, gone, rate_limited, invalid or error")
    .option("--limit <n>", "rows (1–100)", "20")
    .option("--json", "print { items, nextCursor } as JSON")
    .action(async (opts: { grant?: string; action?: string; outcome?: string; limit: string; json?: boolean }, cmd) => {
      const query = new URLSearchParams({ limit: opts.limit });
      if (opts.grant) query.set("grantId", opts.grant);
      if (opts.action) query.set("action", opts.action);
      if (opts.outcome) query.set("outcome", opts.outcome);
      const page = await clientOf(cmd).json("GET", `/api/federation/audit?${query}`, AuditPage);
      if (opts.json) return printJson(page);
      printTable(
        ["AT", "ACTION", "OUTCOME", "GRANT", "SOURCE", "REASON"],
        page.items.map((a) => [a.at, a.action, a.outcome, a.grantId ?? "", a.source ?? "", a.reason ?? ""]),
      );
    });
  addExamples(federation, ["federation"]);
}

function registerGrantCommands(grant: Command): void {
  grant
    .command("create")
    .description("grant a peer read access to a user's data; prints the single-use enrollment URL (15 min)")
    .requiredOption("--user <email>", "the user on this gateway whose data and permissions apply")
    .requiredOption("--peer-label <label>", "what to call the peer in lists and the audit log")
    .requiredOption("--scope <json|@file>", "the scope as JSON, or @path (or a path) to a JSON file")
    .option("--expires <date>", "when the grant ends (ISO date or date-time; default: never)")
    .option("--json", "print { grant, enrollment } as JSON")
    .action(async (opts: { user: string; peerLabel: string; scope: string; expires?: string; json?: boolean }, cmd) => {
      const body = {
        userEmail: opts.user,
        peerLabel: opts.peerLabel,
        scope: readScope(opts.scope),
        ...(opts.expires ? { expiresAt: isoDate(opts.expires) } : {}),
      };
      const created = await clientOf(cmd).json("POST", "/api/federation/grants", GrantCreatedResponse, { body });
      if (opts.json) return printJson(created);
      process.stderr.write(
        `created grant ${created.grant.id} (${created.grant.peerLabel}, pending). On the peer run\n  mosaic federation peer add '<url>'\nwith this URL before ${created.enrollment.expiresAt} (single use, shown once):\n`,
      );
      process.stdout.write(`${created.enrollment.url}\n`);
    });

  grant
    .command("list")
    .description("list grants, newest first")
    .option("--status <status>", "pending, active, revoked or expired")
    .option("--limit <n>", "rows (1–100)", "20")
    .option("--json", "print { items, nextCursor } as JSON")
    .action(async (opts: { status?: string; limit: string; json?: boolean }, cmd) => {
      const query = new URLSearchParams({ limit: opts.limit, ...(opts.status ? { status: opts.status } : {}) });
      const page = await clientOf(cmd).json("GET", `/api/federation/grants?${query}`, GrantPage);
      if (opts.json) return printJson(page);
      printTable(
        ["ID", "PEER", "SUBJECT", "STATUS", "RESOURCES", "EXPIRES", "CREATED"],
        page.items.map((g) => [
          g.id,
          g.peerLabel,
          g.subjectEmail ?? g.subjectUserId,
          g.status,
          g.scope.resources.join(","),
          g.expiresAt ?? "never",
          g.createdAt,
        ]),
      );
    });

  grant
    .command("show")
    .argument("<id>", "grant id")
    .description("show one grant with its scope")
    .option("--json", "print { grant } as JSON")
    .action(async (id: string, opts: { json?: boolean }, cmd) => {
      const { grant: g } = await clientOf(cmd).json(
        "GET",
        `/api/federation/grants/${encodeURIComponent(id)}`,
        GrantResponse,
      );
      if (opts.json) return printJson({ grant: g });
      printFields([
        ["id", g.id],
        ["peer label", g.peerLabel],
        ["subject", `${g.subjectEmail ?? "?"} (${g.subjectUserId})`],
        ["status", g.status],
        ["scope", JSON.stringify(g.scope)],
        ["expires", g.expiresAt ?? "never"],
        ["certificate serial", g.currentCertSerial ?? "-"],
        ["activated", g.activatedAt ?? "-"],
        ["revoked", g.revokedAt ?? "-"],
        ["created", g.createdAt],
      ]);
    });

  grant
    .command("revoke")
    .argument("<id>", "grant id")
    .description("revoke a grant (pending or active); the peer's certificate stops working")
    .option("--json", "print { grant } as JSON")
    .action(async (id: string, opts: { json?: boolean }, cmd) => {
      const path = `/api/federation/grants/${encodeURIComponent(id)}/revoke`;
      const { grant: g } = await clientOf(cmd).json("POST", path, GrantResponse);
      if (opts.json) return printJson({ grant: g });
      process.stdout.write(`revoked grant ${g.id} (${g.peerLabel})\n`);
    });
}

function registerPeerCommands(peer: Command): void {
  peer
    .command("add")
    .argument("<enrollment-url>", "the URL A's admin got from `mosaic federation grant create`")
    .description("enroll with another gateway: checks its CA fingerprint, then redeems the single-use URL")
    .option("--name <name>", "what to call the peer (lowercase, digits, hyphens; default from the host)")
    .option("--json", "print { peer } as JSON")
    .action(async (url: string, opts: { name?: string; json?: boolean }, cmd) => {
      const body = { enrollmentUrl: url, ...(opts.name ? { name: opts.name } : {}) };
      const { peer: p } = await clientOf(cmd).json("POST", "/api/federation/peers", PeerResponse, { body });
      if (opts.json) return printJson({ peer: p });
      process.stdout.write(
        `added peer ${p.name} (${p.federationUrl}, grant ${p.grantId}, certificate until ${p.certNotAfter})\n`,
      );
    });

  peer
    .command("list")
    .description("list peers")
    .option("--json", "print { items } as JSON")
    .action(async (opts: { json?: boolean }, cmd) => {
      const list = await clientOf(cmd).json("GET", "/api/federation/peers", PeerListResponse);
      if (opts.json) return printJson(list);
      printTable(
        ["NAME", "STATE", "FEDERATION URL", "GRANT", "CERT EXPIRES"],
        list.items.map((p) => [p.name, p.state, p.federationUrl, p.grantId, p.certNotAfter]),
      );
    });

  peer
    .command("show")
    .argument("<name>", "peer name")
    .description("show one peer, with A's CA and this gateway's client certificate (public parts only)")
    .option("--json", "print { peer } as JSON")
    .action(async (name: string, opts: { json?: boolean }, cmd) => {
      const res = await clientOf(cmd).json(
        "GET",
        `/api/federation/peers/${encodeURIComponent(name)}`,
        PeerDetailResponse,
      );
      if (opts.json) return printJson(res);
      const p = res.peer;
      printFields([
        ["name", p.name],
        ["state", p.state],
        ["federation URL", p.federationUrl],
        ["CA sha256", p.caFingerprint],
        ["grant", p.grantId],
        ["subject", p.subjectUserId],
        ["certificate serial", p.certSerial],
        ["certificate expires", p.certNotAfter],
        ["added", p.createdAt],
      ]);
    });

  peer
    .command("remove")
    .argument("<name>", "peer name")
    .description("forget a peer (ask A's admin to revoke the grant too)")
    .option("--json", "print { removed } as JSON")
    .action(async (name: string, opts: { json?: boolean }, cmd) => {
      await clientOf(cmd).empty("DELETE", `/api/federation/peers/${encodeURIComponent(name)}`);
      if (opts.json) return printJson({ removed: name });
      process.stdout.write(`removed peer ${name}\n`);
    });
}

/** `--scope '{"resources":…}'`, `--scope @scope.json` or `--scope scope.json`. */
function readScope(raw: string): unknown {
  const text = raw.trimStart().startsWith("{") ? raw : readScopeFile(raw.startsWith("@") ? raw.slice(1) : raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError("--scope is not valid JSON", EXIT.usage);
  }
}

function readScopeFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(
      `cannot read the scope file ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      EXIT.usage,
    );
  }
}

function isoDate(raw: string): string {
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new CliError(`--expires is not a date: ${raw}`, EXIT.usage);
  return date.toISOString();
}

function printFields(fields: Array<[string, string]>): void {
  const width = Math.max(...fields.map(([k]) => k.length));
  for (const [key, value] of fields) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
}
