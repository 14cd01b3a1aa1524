/**
 * @module B's registry of federation clients: one per peer, built on first use with the key
 * unsealed into memory, rebuilt when the peer's certificate changes, closed when it is removed.
 */
import { createHash } from "node:crypto";
import { notFound } from "@mosaic/contracts";
import type { FederationPeersRepository, PeerRow } from "@mosaic/db";
import type { FederationClient } from "@mosaic/federation";

export interface PeerClientsDeps {
  peers: FederationPeersRepository;
  sealKey: Buffer;
  timeoutMs: number;
  now: () => Date;
  /** Where a failed lastSuccessAt/lastFailureAt stamp is reported (it never fails a read). */
  warn: (message: string, err: unknown) => void;
}

/** An active peer and its client. */
export interface PeerHandle {
  row: PeerRow;
  client: FederationClient;
}

/** A success is stamped at most this often per peer (a failure always is). */
const SUCCESS_STAMP_MS = 5_000;

export function createPeerClients(deps: PeerClientsDeps) {
  // Keyed by peer id; `identity` says which certificate the client was built with.
  const cache = new Map<string, { identity: string; client: FederationClient }>();
  const lastSuccessStamp = new Map<string, number>();

  const identityOf = (row: PeerRow) =>
    createHash("sha256")
      .update([row.federationUrl, row.caFingerprint, row.certSerial, row.clientCertPem, row.clientKeySealed].join("\n"))
      .digest("base64url");

  function stamp(row: PeerRow, outcome: "success" | "failure") {
    const at = deps.now();
    if (outcome === "success") {
      const last = lastSuccessStamp.get(row.id) ?? 0;
      if (at.getTime() - last < SUCCESS_STAMP_MS) return;
      lastSuccessStamp.set(row.id, at.getTime());
    }
    deps.peers.recordOutcome(row.id, outcome, at).catch((err: unknown) => deps.warn("could not stamp a peer", err));
  }

  // The client (undici, the PKI helpers) loads with the first read through a peer, not at boot.
  async function build(row: PeerRow): Promise<FederationClient> {
    const { createFederationClient, peerKeyAad, unseal } = await import("@mosaic/federation");
    return createFederationClient({
      peer: {
        name: row.name,
        federationUrl: row.federationUrl,
        caCertPem: row.caCertPem,
        clientCertPem: row.clientCertPem,
        // Unsealed into this client's TLS options only; never stored elsewhere or logged.
        privateKeyPem: unseal(row.clientKeySealed, deps.sealKey, peerKeyAad(row.id)).toString("utf8"),
      },
      timeoutMs: deps.timeoutMs,
      onOutcome: (outcome) => stamp(row, outcome),
    });
  }

  async function clientFor(row: PeerRow): Promise<FederationClient> {
    const identity = identityOf(row);
    const cached = cache.get(row.id);
    if (cached?.identity === identity) return cached.client;
    const client = await build(row);
    // Another read may have built one meanwhile: keep the first, close ours.
    const raced = cache.get(row.id);
    if (raced?.identity === identity) {
      void client.close().catch(() => {});
      return raced.client;
    }
    if (raced) void raced.client.close().catch(() => {});
    cache.set(row.id, { identity, client });
    return client;
  }

  /** Drops clients of peers that are gone or no longer active, closing their sockets. */
  function prune(current: PeerRow[]) {
    const live = new Set(current.filter((row) => row.state === "active").map((row) => row.id));
    for (const [id, entry] of cache) {
      if (!live.has(id)) {
        cache.delete(id);
        lastSuccessStamp.delete(id);
        void entry.client.close().catch(() => {});
      }
    }
  }

  function forget(peerId: string) {
    const entry = cache.get(peerId);
    cache.delete(peerId);
    lastSuccessStamp.delete(peerId);
    if (entry) void entry.client.close().catch(() => {});
  }

  return {
    /** The active peer named `name` and its client; 404 naming it when unknown or not active. */
    async peer(name: string): Promise<PeerHandle> {
      const row = await deps.peers.findByName(name);
      if (row?.state !== "active") {
        if (row) forget(row.id);
        throw notFound(`active peer ${name}`);
      }
      return { row, client: await clientFor(row) };
    },

    /** Every active peer with its client, by name. */
    async activePeers(): Promise<PeerHandle[]> {
      const rows = await deps.peers.list();
      prune(rows);
      const active = rows.filter((row) => row.state === "active");
      return Promise.all(active.map(async (row) => ({ row, client: await clientFor(row) })));
    },

    /** Closes the client of a removed peer now, not on the next read. */
    forget,

    /** How many clients are open (tests). */
    size: () => cache.size,

    async closeAll() {
      const entries = [...cache.values()];
      cache.clear();
      await Promise.all(entries.map((entry) => entry.client.close().catch(() => {})));
    },
  };
}

export type PeerClients = ReturnType<typeof createPeerClients>;
