/** @module The federation admin endpoints (grants on A, peers on B, the audit log, on/off status), typed by the contracts. */
import {
  AuditEntryView,
  type AuditOutcome,
  FederationStatusResponse,
  type GrantCreateBody,
  GrantCreatedResponse,
  GrantResponse,
  type GrantStatus,
  GrantView,
  PeerDetailResponse,
  PeerListResponse,
  PeerResponse,
  pageOf,
} from "@mosaic/contracts";
import type { Client } from "./client.js";

const GrantPage = pageOf(GrantView);
const AuditPage = pageOf(AuditEntryView);
const id = (value: string) => encodeURIComponent(value);

export interface AuditFilter {
  grantId?: string;
  action?: string;
  outcome?: AuditOutcome;
}

export function federationEndpoints(client: Client) {
  return {
    status: () => client.get("/api/federation/status", FederationStatusResponse),
    grants: {
      list: (q: { status?: GrantStatus; cursor?: string; limit?: number } = {}) =>
        client.get("/api/federation/grants", GrantPage, { query: q }),
      get: (grantId: string) => client.get(`/api/federation/grants/${id(grantId)}`, GrantResponse),
      /** The only answer holding the enrollment URL: the gateway keeps just its hash. */
      create: (body: GrantCreateBody) => client.post("/api/federation/grants", GrantCreatedResponse, { body }),
      revoke: (grantId: string) => client.post(`/api/federation/grants/${id(grantId)}/revoke`, GrantResponse),
    },
    peers: {
      list: () => client.get("/api/federation/peers", PeerListResponse),
      get: (name: string) => client.get(`/api/federation/peers/${id(name)}`, PeerDetailResponse),
      add: (body: { enrollmentUrl: string; name?: string }) =>
        client.post("/api/federation/peers", PeerResponse, { body }),
      remove: (name: string) => client.del(`/api/federation/peers/${id(name)}`),
    },
    audit: (q: AuditFilter & { cursor?: string; limit?: number } = {}) =>
      client.get("/api/federation/audit", AuditPage, { query: { ...q } }),
  };
}
