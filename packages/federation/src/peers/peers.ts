/**
 * @module The peers service (B): enroll with another gateway from its enrollment URL and keep the
 * result (A's CA pinned, our client certificate, our private key sealed); list, show, remove.
 */
import { randomUUID, X509Certificate } from "node:crypto";
import { conflict, notFound, type PeerAddBody, type PeerView } from "@mosaic/contracts";
import type { FederationAuditRepository, FederationPeersRepository } from "@mosaic/db";
import { certificateFingerprint } from "../ca/keys.js";
import { generatePeerKeyAndCsr } from "../ca/peerCsr.js";
import { type EnrollmentTarget, parseEnrollmentUrl } from "../enrollment/enrollmentUrl.js";
import { presentPeer, presentPeerDetail } from "../presenters.js";
import { seal } from "../seal.js";
import { type Enrollment, enroll } from "./enrollClient.js";

export interface PeerServiceDeps {
  peers: FederationPeersRepository;
  audit: FederationAuditRepository;
  sealKey: Buffer;
  now: () => Date;
  /** Defaults to the real TLS client; the seam exists for the CSR-tampering tests, not to fake A. */
  enroll?: typeof enroll;
  /** The label in our CSR's subject (A ignores it; it helps reading A's logs). */
  gatewayLabel?: string;
}

/** The AAD of a peer's sealed key: the envelope only opens in its own row. */
export const peerKeyAad = (peerId: string) => `federation-peer-key:${peerId}`;

export function createPeerService(deps: PeerServiceDeps) {
  const doEnroll = deps.enroll ?? enroll;

  async function find(name: string) {
    const row = await deps.peers.findByName(name);
    if (!row) throw notFound(`peer ${name}`);
    return row;
  }

  return {
    /**
     * Enrolls with A. The name is checked before A is contacted, so a taken name does not burn the
     * single-use token; the CA fingerprint is checked before the token is sent (enrollClient).
     */
    async add(actor: { userId: string }, body: PeerAddBody): Promise<PeerView> {
      const target = parseEnrollmentUrl(body.enrollmentUrl);
      const name = body.name ?? defaultPeerName(target);
      if (await deps.peers.findByName(name)) {
        throw conflict(`a peer named ${name} exists — pick another with --name`, [
          { path: "body.name", message: "taken" },
        ]);
      }
      const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({
        commonName: deps.gatewayLabel ?? "mosaic-gateway",
      });
      const enrolled: Enrollment = await doEnroll({ target, csrPem, privateKeyPem });
      const id = randomUUID();
      const cert = new X509Certificate(enrolled.certificatePem);
      const row = await deps.peers.create({
        id,
        name,
        federationUrl: enrolled.federationUrl,
        enrollHost: target.host,
        caCertPem: enrolled.pinnedCaPem,
        caFingerprint: certificateFingerprint(enrolled.pinnedCaPem),
        clientCertPem: enrolled.certificatePem,
        clientKeySealed: seal(privateKeyPem, deps.sealKey, peerKeyAad(id)),
        certSerial: enrolled.certSerial,
        grantId: enrolled.grantId,
        subjectUserId: enrolled.subjectUserId,
        certNotAfter: new Date(cert.validTo),
        state: "active",
        lastSuccessAt: deps.now(),
      });
      if (!row)
        throw conflict(`a peer named ${name} was added meanwhile — the enrollment URL is spent; ask for a new one`);
      await deps.audit.record({
        at: deps.now(),
        grantId: null,
        source: `admin:${actor.userId}`,
        action: "peer.add",
        outcome: "success",
        details: { peer: name, remoteGrantId: enrolled.grantId, enrollHost: target.host },
      });
      return presentPeer(row);
    },

    async list(): Promise<PeerView[]> {
      return (await deps.peers.list()).map(presentPeer);
    },

    async show(name: string) {
      return presentPeerDetail(await find(name));
    },

    async remove(actor: { userId: string }, name: string): Promise<void> {
      const row = await deps.peers.remove(name);
      if (!row) throw notFound(`peer ${name}`);
      await deps.audit.record({
        at: deps.now(),
        source: `admin:${actor.userId}`,
        action: "peer.remove",
        outcome: "success",
        details: { peer: name, remoteGrantId: row.grantId },
      });
    },
  };
}

/** `mosaic.example.com` → `mosaic-example-com`; an IP gives `peer-10-0-0-5`. */
export function defaultPeerName(target: EnrollmentTarget): string {
  const slug = target.host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return /^[a-z]/.test(slug) ? slug : `peer-${slug || "gateway"}`;
}

export type PeerService = ReturnType<typeof createPeerService>;
