/**
 * @module Wires the federation services (CA, grants, enrollment, peers, audit) from the store, config
 * and seal key. @mosaic/federation (the x509 PKI) is imported on the first call into any of them, not
 * at boot: most gateways never federate, and the import is a large share of start-up.
 */
import type { MosaicConfig } from "@mosaic/config";
import { type AuditQuery, conflict } from "@mosaic/contracts";
import type { Repositories } from "@mosaic/db";
import type { FederationCa } from "@mosaic/federation";
import { createPeerClients } from "./peerClients.js";
import { createSourceReads } from "./sourceReads.js";

type FederationModule = typeof import("@mosaic/federation");
let federationModule: Promise<FederationModule> | null = null;
const loadFederation = (): Promise<FederationModule> => {
  federationModule ??= import("@mosaic/federation");
  return federationModule;
};

/** An object whose `methods` call those of the service `get()` resolves to (built on first call). */
function forward<T, K extends keyof T>(get: () => Promise<T>, methods: readonly K[]): Pick<T, K> {
  const out: Partial<Record<K, unknown>> = {};
  for (const method of methods) {
    out[method] = async (...args: unknown[]) => {
      const service = await get();
      return (service[method] as (...a: unknown[]) => unknown).apply(service, args);
    };
  }
  return out as Pick<T, K>;
}

function memo<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= build().catch((err: unknown) => {
      value = null;
      throw err;
    });
    return value;
  };
}

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
  const loadCa = memo(async () => {
    const f = await loadFederation();
    return f.ensureFederationCa({
      repo: repos.federationCa,
      sealKey: deps.sealKey,
      names: f.federationServerNames(fed.host, fed.serverNames),
      now: now(),
    });
  });

  /** The CA, created on first use and then held in memory (a failed load is retried next time). */
  function ca(): Promise<FederationCa> {
    if (!fed.enabled) {
      return Promise.reject(
        conflict("federation is disabled on this gateway — set federation.enabled or MOSAIC_FEDERATION=1 and restart"),
      );
    }
    return loadCa();
  }

  const services = memo(async () => {
    const f = await loadFederation();
    const grants = f.createGrantService({
      grants: repos.federationGrants,
      users: repos.users,
      enrollment: async () => ({ host: fed.host, port: fed.enrollPort, fingerprint: (await ca()).fingerprint }),
      now,
    });
    const enrollment = f.createEnrollmentService({
      grants: repos.federationGrants,
      audit: repos.federationAudit,
      ca: async () => {
        const loaded = await ca();
        return {
          issuer: f.embeddedIssuer({ certPem: loaded.caCertPem, privateKeyPem: loaded.caKeyPem }),
          caCertPem: loaded.caCertPem,
        };
      },
      federationUrl: `https://${f.urlHost(fed.host)}:${fed.port}`,
      certValidityDays: fed.certValidityDays,
      now,
    });
    const peers = f.createPeerService({
      peers: repos.federationPeers,
      audit: repos.federationAudit,
      sealKey: deps.sealKey,
      now,
      gatewayLabel: `mosaic ${fed.host}`.slice(0, 64),
    });
    const authorization = f.createPeerAuthorization({ grants: repos.federationGrants, now });
    return { f, grants, enrollment, peers, authorization };
  });

  const grantService = forward(async () => (await services()).grants, [
    "create",
    "list",
    "show",
    "revoke",
    "expire",
    "expireDue",
  ] as const);
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
  const enrollment = forward(async () => (await services()).enrollment, ["redeem", "recordRefusal"] as const);
  const peerService = forward(async () => (await services()).peers, ["add", "list", "show", "remove"] as const);
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
    peerAuthorization: forward(async () => (await services()).authorization, ["authorize"] as const),
    /** Where the data plane's audit rows go (one per verb call). */
    recordAudit: repos.federationAudit.record,
    /** The name A tags its items with (`_source`): the host peers use to reach it. */
    sourceName: fed.host,
    audit: {
      async list(query: AuditQuery) {
        const [page, { f }] = await Promise.all([repos.federationAudit.list(query, query), services()]);
        return { items: page.items.map(f.presentAudit), nextCursor: page.nextCursor };
      },
    },
  };
}

export type FederationServices = ReturnType<typeof createFederationServices>;
