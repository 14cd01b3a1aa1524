/** @module Wires the federation services (CA, grants, enrollment, peers, audit) from the store, config and seal key. */
import type { MosaicConfig } from "@mosaic/config";
import { type AuditQuery, conflict } from "@mosaic/contracts";
import type { Repositories } from "@mosaic/db";
import {
  createEnrollmentService,
  createGrantService,
  createPeerAuthorization,
  createPeerService,
  embeddedIssuer,
  ensureFederationCa,
  type FederationCa,
  federationServerNames,
  presentAudit,
  urlHost,
} from "@mosaic/federation";
import { createPeerClients } from "./peerClients.js";
import { createSourceReads } from "./sourceReads.js";

export interface FederationServiceDeps {
  config: MosaicConfig;
  repos: Repositories;
  /** 32-byte key that seals the CA key, the server key and peers' private keys. */
  sealKey: Buffer;
  now: () => Date;
  warn: (message: string, err: unknown) => void;
}

export function createFederationServices(deps: FederationServiceDeps) {
  const { config, repos, now } = deps;
  const fed = config.federation;
  let loading: Promise<FederationCa> | null = null;

  /** The CA, created on first use and then held in memory (a failed load is retried next time). */
  function ca(): Promise<FederationCa> {
    if (!fed.enabled) {
      return Promise.reject(
        conflict("federation is disabled on this gateway — set federation.enabled or MOSAIC_FEDERATION=1 and restart"),
      );
    }
    loading ??= ensureFederationCa({
      repo: repos.federationCa,
      sealKey: deps.sealKey,
      names: federationServerNames(fed.host, fed.serverNames),
      now: now(),
    }).catch((err: unknown) => {
      loading = null;
      throw err;
    });
    return loading;
  }

  const grantService = createGrantService({
    grants: repos.federationGrants,
    users: repos.users,
    enrollment: async () => ({ host: fed.host, port: fed.enrollPort, fingerprint: (await ca()).fingerprint }),
    now,
  });
  /** Told the id of every grant revoked or expired here: the federation listener closes its sockets. */
  const grantEndedListeners = new Set<(grantId: string) => void>();
  const ended = <T extends { id: string }>(grant: T): T => {
    for (const listener of grantEndedListeners) listener(grant.id);
    return grant;
  };
  const grants = {
    ...grantService,
    revoke: async (...args: Parameters<typeof grantService.revoke>) => ended(await grantService.revoke(...args)),
    expire: async (id: string) => ended(await grantService.expire(id)),
    /** Subscribes to revocations and expiries; returns the unsubscribe function. */
    onGrantEnded(listener: (grantId: string) => void): () => void {
      grantEndedListeners.add(listener);
      return () => grantEndedListeners.delete(listener);
    },
  };

  const enrollment = createEnrollmentService({
    grants: repos.federationGrants,
    audit: repos.federationAudit,
    ca: async () => {
      const loaded = await ca();
      return {
        issuer: embeddedIssuer({ certPem: loaded.caCertPem, privateKeyPem: loaded.caKeyPem }),
        caCertPem: loaded.caCertPem,
      };
    },
    federationUrl: `https://${urlHost(fed.host)}:${fed.port}`,
    certValidityDays: fed.certValidityDays,
    now,
  });

  const peerService = createPeerService({
    peers: repos.federationPeers,
    audit: repos.federationAudit,
    sealKey: deps.sealKey,
    now,
    gatewayLabel: `mosaic ${fed.host}`.slice(0, 64),
  });
  const peerClients = createPeerClients({
    peers: repos.federationPeers,
    sealKey: deps.sealKey,
    timeoutMs: fed.requestTimeoutMs,
    now,
    warn: deps.warn,
  });
  const peers = {
    ...peerService,
    // A removed peer's sockets close now; its key leaves memory with its client.
    async remove(...args: Parameters<typeof peerService.remove>) {
      const row = await repos.federationPeers.findByName(args[1]);
      await peerService.remove(...args);
      if (row) peerClients.forget(row.id);
    },
    // Enrolling needs no CA of our own, but a gateway with federation off should not hold peers.
    async add(...args: Parameters<typeof peerService.add>) {
      if (!fed.enabled) await ca();
      return peerService.add(...args);
    },
  };

  return {
    enabled: fed.enabled,
    ca,
    grants,
    enrollment,
    peers,
    peerClients,
    /** `?source=` on the brain's read routes. */
    reads: createSourceReads(peerClients),
    /** The data plane's per-request judge of a client certificate and its grant. */
    peerAuthorization: createPeerAuthorization({ grants: repos.federationGrants, now }),
    /** Where the data plane's audit rows go (one per verb call). */
    recordAudit: repos.federationAudit.record,
    /** The name A tags its items with (`_source`): the host peers use to reach it. */
    sourceName: fed.host,
    audit: {
      async list(query: AuditQuery) {
        const page = await repos.federationAudit.list(query, query);
        return { items: page.items.map(presentAudit), nextCursor: page.nextCursor };
      },
    },
  };
}

export type FederationServices = ReturnType<typeof createFederationServices>;
