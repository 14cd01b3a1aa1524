/** @module Real-TLS tests: which client certificates node:tls rejects on our mTLS listener, and which reach the app. */
import "reflect-metadata";
import { Extension, KeyUsageFlags } from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectMtls, type MtlsServer, startMtlsServer } from "../test/tlsPair.js";
import { derString, issueSelfSignedPeerCertificate, issueTestLeaf } from "../testing.js";
import { signClientCsr } from "./clientCertificate.js";
import { createCrl } from "./crl.js";
import { DAY_MS, randomSerial } from "./keys.js";
import { OID_EKU_SERVER_AUTH } from "./oids.js";
import { generatePeerKeyAndCsr } from "./peerCsr.js";
import { parsePeerIdentity } from "./peerIdentity.js";
import { type CreatedCa, createCa } from "./rootCa.js";
import { issueServerCertificate, type ServerCertificate } from "./serverCertificate.js";

const HOST = "federation.gateway-a.test";

let ca: CreatedCa;
let otherCa: CreatedCa;
let serverCert: ServerCertificate;
let server: MtlsServer;

beforeAll(async () => {
  ca = await createCa({ commonName: "Gateway A federation CA" });
  otherCa = await createCa({ commonName: "Impostor CA" });
  serverCert = await issueServerCertificate({ ca, hostnames: [HOST], ips: ["127.0.0.1"], validityDays: 30 });
  server = await startMtlsServer({ certPem: serverCert.certPem, keyPem: serverCert.privateKeyPem, caPem: ca.certPem });
});
afterAll(async () => {
  await server?.close();
});

/** A client certificate from signClientCsr, as enrollment would issue it. */
async function enrolledClient(issuer: CreatedCa, options: { now?: Date; validityDays?: number } = {}) {
  const { privateKeyPem, csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
  const serial = randomSerial();
  const issued = await signClientCsr({
    ca: issuer,
    csrPem,
    grantId: "grant-42",
    subjectUserId: "usr-alice",
    serial,
    validityDays: options.validityDays ?? 30,
    now: options.now ?? new Date(),
  });
  return { certPem: issued.certPem, keyPem: privateKeyPem, serial };
}

describe("mTLS listener: accepted", () => {
  it("a client with an issued certificate connects; the server reads its identity from the peer DER", async () => {
    const client = await enrolledClient(ca);
    const seen = server.nextOutcome();
    const result = await connectMtls({ port: server.port, caPem: ca.certPem, servername: HOST, ...client });
    const outcome = await seen;
    expect(result).toEqual({ received: "hello\n", error: undefined });
    expect(outcome.kind).toBe("accepted");
    if (outcome.kind !== "accepted") return;
    expect(outcome.authorized).toBe(true);
    expect(parsePeerIdentity(outcome.peerDer)).toMatchObject({
      ok: true,
      grantId: "grant-42",
      subjectUserId: "usr-alice",
      serial: client.serial,
    });
  });

  it("the client also verifies the server by IP SAN when no servername is given", async () => {
    const client = await enrolledClient(ca);
    const seen = server.nextOutcome();
    expect(await connectMtls({ port: server.port, caPem: ca.certPem, ...client })).toEqual({
      received: "hello\n",
      error: undefined,
    });
    expect((await seen).kind).toBe("accepted");
  });
});

/** Connects with `client` and returns both sides' view; the server view is awaited after the client closes. */
async function attempt(client: { certPem?: string; keyPem?: string }, target: MtlsServer = server) {
  const seen = target.nextOutcome();
  const result = await connectMtls({ port: target.port, caPem: ca.certPem, servername: HOST, ...client });
  return { result, outcome: await seen };
}

/** Asserts the handshake failed on the server with `authorizationError` and no application byte reached the client. */
async function expectRejectedAtTls(client: { certPem?: string; keyPem?: string }, authorizationError: string) {
  const { result, outcome } = await attempt(client);
  expect(outcome).toMatchObject({ kind: "rejected", authorizationError });
  expect(result.received).toBe("");
}

const asClient = (leaf: { certPem: string; privateKeyPem: string }) => ({
  certPem: leaf.certPem,
  keyPem: leaf.privateKeyPem,
});

describe("mTLS listener: rejected at TLS", () => {
  it("a client certificate from another CA", async () => {
    await expectRejectedAtTls(await enrolledClient(otherCa), "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  });

  it("a self-signed client certificate carrying a valid-looking identity", async () => {
    await expectRejectedAtTls(asClient(await issueSelfSignedPeerCertificate()), "DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("an expired client certificate", async () => {
    const client = await enrolledClient(ca, { now: new Date(Date.now() - 10 * DAY_MS), validityDays: 1 });
    await expectRejectedAtTls(client, "CERT_HAS_EXPIRED");
  });

  it("a not-yet-valid client certificate", async () => {
    const client = await enrolledClient(ca, { now: new Date(Date.now() + DAY_MS), validityDays: 30 });
    await expectRejectedAtTls(client, "CERT_NOT_YET_VALID");
  });

  it("no client certificate: OpenSSL refuses the handshake and alerts the client", async () => {
    const { result, outcome } = await attempt({});
    expect(outcome).toMatchObject({ kind: "rejected", code: "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE" });
    expect(result).toMatchObject({ received: "", error: { code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" } });
  });

  it("a serverAuth-only EKU client certificate (OpenSSL's sslclient purpose check)", async () => {
    const leaf = await issueTestLeaf(ca, { extKeyUsages: [OID_EKU_SERVER_AUTH] });
    await expectRejectedAtTls(asClient(leaf), "INVALID_PURPOSE");
    // Defence in depth: the app would refuse it too.
    expect(parsePeerIdentity(leaf.certDer)).toEqual({ ok: false, reason: "no_client_auth_eku" });
  });

  it("a key usage without digitalSignature (keyEncipherment only)", async () => {
    const leaf = await issueTestLeaf(ca, { keyUsage: KeyUsageFlags.keyEncipherment });
    await expectRejectedAtTls(asClient(leaf), "INVALID_PURPOSE");
  });

  it("an unknown critical extension (Node reports OpenSSL's UNHANDLED_CRITICAL_EXTENSION as UNSPECIFIED)", async () => {
    const critical = new Extension("1.3.6.1.4.1.99999.77", true, derString(0x0c, "must-understand"));
    const leaf = await issueTestLeaf(ca, { extraExtensions: [critical] });
    await expectRejectedAtTls(asClient(leaf), "UNSPECIFIED");
    expect(parsePeerIdentity(leaf.certDer)).toEqual({ ok: false, reason: "unknown_critical_extension" });
  });

  it("a revoked client certificate when the listener loads our CRL", async () => {
    const client = await enrolledClient(ca);
    const crlPem = await createCrl({
      ca,
      revoked: [{ serial: client.serial, revokedAt: new Date() }],
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + DAY_MS),
    });
    const withCrl = await startMtlsServer({
      certPem: serverCert.certPem,
      keyPem: serverCert.privateKeyPem,
      caPem: ca.certPem,
      crlPem,
    });
    try {
      const { result, outcome } = await attempt(client, withCrl);
      expect(outcome).toMatchObject({ kind: "rejected", authorizationError: "CERT_REVOKED" });
      expect(result.received).toBe("");
      // A certificate not on the CRL still gets in.
      expect((await attempt(await enrolledClient(ca), withCrl)).outcome.kind).toBe("accepted");
    } finally {
      await withCrl.close();
    }
  });
});

describe("mTLS listener: TLS lets these through, so parsePeerIdentity must refuse them", () => {
  const cases: Array<[string, Parameters<typeof issueTestLeaf>[1], string]> = [
    ["a leaf with CA:TRUE", { basicConstraints: { ca: true } }, "ca_certificate"],
    ["a leaf without EKU", { extKeyUsages: null }, "no_client_auth_eku"],
    ["a leaf without key usage", { keyUsage: null }, "no_digital_signature_key_usage"],
    [
      "a leaf with the grantId only in the CN",
      { commonName: "mosaic-peer grant-42", otherNames: [] },
      "missing_grant_id",
    ],
  ];
  it.each(cases)("%s", async (_name, options, reason) => {
    const leaf = await issueTestLeaf(ca, options);
    const { result, outcome } = await attempt(asClient(leaf));
    expect(outcome.kind).toBe("accepted");
    expect(result.received).toBe("hello\n");
    if (outcome.kind !== "accepted") return;
    expect(parsePeerIdentity(outcome.peerDer)).toEqual({ ok: false, reason });
  });
});

describe("the client verifies the server", () => {
  it("refuses a server whose certificate is for another hostname", async () => {
    const client = await enrolledClient(ca);
    const seen = server.nextOutcome();
    const result = await connectMtls({ port: server.port, caPem: ca.certPem, servername: "other.test", ...client });
    // Node checks the server after the handshake, so the server may count this as accepted; drain it.
    await seen;
    expect(result).toMatchObject({ received: "", error: { code: "ERR_TLS_CERT_ALTNAME_INVALID" } });
  });

  it("refuses a server when the pinned CA is a different one (an impostor gateway)", async () => {
    const client = await enrolledClient(ca);
    const seen = server.nextOutcome();
    const result = await connectMtls({ port: server.port, caPem: otherCa.certPem, servername: HOST, ...client });
    await seen;
    expect(result).toMatchObject({ received: "", error: { code: "SELF_SIGNED_CERT_IN_CHAIN" } });
  });
});
