/** @module What the TUI's federation view reads: status, grants, peers and the latest audit rows (admin API, read-only). */
import {
  AuditEntryView,
  FederationStatusResponse,
  GrantView,
  PeerListResponse,
  type PeerView,
  pageOf,
} from "@mosaic/contracts";
import { ApiError, type GatewayClient } from "../client.js";

const GrantPage = pageOf(GrantView);
const AuditPage = pageOf(AuditEntryView);

/** How many audit rows the view asks for: the newest ones, enough to fill a tall terminal. */
export const AUDIT_ROWS = 20;
/** Grants past this are left to `mosaic federation grant list`. */
export const GRANT_ROWS = 100;

export type FederationSnapshot =
  | { kind: "forbidden"; message: string }
  | {
      kind: "ok";
      status: FederationStatusResponse;
      grants: GrantView[];
      /** True when the gateway holds more grants than were read. */
      moreGrants: boolean;
      peers: PeerView[];
      audit: AuditEntryView[];
    };

/** One snapshot; a member's 403 becomes `forbidden` (a state to show, not an error). */
export async function loadFederation(client: GatewayClient): Promise<FederationSnapshot> {
  try {
    const status = await client.json("GET", "/api/federation/status", FederationStatusResponse);
    const [grants, peers, audit] = await Promise.all([
      client.json("GET", `/api/federation/grants?limit=${GRANT_ROWS}`, GrantPage),
      client.json("GET", "/api/federation/peers", PeerListResponse),
      client.json("GET", `/api/federation/audit?limit=${AUDIT_ROWS}`, AuditPage),
    ]);
    return {
      kind: "ok",
      status,
      grants: grants.items,
      moreGrants: grants.nextCursor !== null,
      peers: peers.items,
      audit: audit.items,
    };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return { kind: "forbidden", message: err.serverMessage };
    throw err;
  }
}
