/** @module Unit tests: parsePeerIdentity accepts our leaves and names the reason for each bad one. */
import "reflect-metadata";
import { Extension, KeyUsageFlags } from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { derString, issueTestLeaf, TEST_GRANT_ID, TEST_SUBJECT_USER_ID, type TestLeafOptions } from "../testing.js";
import { signClientCsr } from "./clientCertificate.js";
import { DAY_MS, randomSerial } from "./keys.js";
import { OID_EKU_SERVER_AUTH, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "./oids.js";
import { generatePeerKeyAndCsr } from "./peerCsr.js";
import { type PeerIdentityRejection, parsePeerIdentity } from "./peerIdentity.js";
import { type CreatedCa, createCa } from "./rootCa.js";

let ca: CreatedCa;
beforeAll(async () => {
  ca = await createCa({ commonName: "Mosaic federation CA (identity tests)" });
});

const grant = (value: string, encoding?: "utf8" | "ia5") => ({ oid: OID_GRANT_ID, value, encoding });
const subject = (value: string) => ({ oid: OID_SUBJECT_USER_ID, value });

describe("parsePeerIdentity accepts", () => {
  it("a certificate issued by signClientCsr", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "b" });
    const serial = randomSerial();
    const now = new Date();
    const issued = await signClientCsr({
      ca,
      csrPem,
      grantId: "g-1",
      subjectUserId: "u-1",
      serial,
      validityDays: 2,
      now,
    });
    const identity = parsePeerIdentity(issued.certDer);
    expect(identity).toMatchObject({ ok: true, grantId: "g-1", subjectUserId: "u-1", serial });
  });

  it("the test builder's default leaf (so every rejection below is caused by its one change)", async () => {
    const leaf = await issueTestLeaf(ca);
    expect(parsePeerIdentity(leaf.certDer)).toMatchObject({
      ok: true,
      grantId: TEST_GRANT_ID,
      subjectUserId: TEST_SUBJECT_USER_ID,
      serial: leaf.serial,
    });
  });

  it("non-ASCII ids and other SAN entries next to ours", async () => {
    const leaf = await issueTestLeaf(ca, {
      otherNames: [grant("grant-ü-✓"), subject("usr-é"), { oid: "1.3.6.1.4.1.99999.3", value: "ignored" }],
    });
    expect(parsePeerIdentity(leaf.certDer)).toMatchObject({ ok: true, grantId: "grant-ü-✓", subjectUserId: "usr-é" });
  });
});

const matrix: Array<[string, TestLeafOptions, PeerIdentityRejection]> = [
  ["leaf with CA:TRUE", { basicConstraints: { ca: true } }, "ca_certificate"],
  ["no EKU", { extKeyUsages: null }, "no_client_auth_eku"],
  ["serverAuth-only EKU", { extKeyUsages: [OID_EKU_SERVER_AUTH] }, "no_client_auth_eku"],
  ["anyExtendedKeyUsage instead of clientAuth", { extKeyUsages: ["2.5.29.37.0"] }, "no_client_auth_eku"],
  ["no key usage", { keyUsage: null }, "no_digital_signature_key_usage"],
  ["keyEncipherment only", { keyUsage: KeyUsageFlags.keyEncipherment }, "no_digital_signature_key_usage"],
  ["no SAN at all", { otherNames: null }, "missing_grant_id"],
  ["grantId missing", { otherNames: [subject("u")] }, "missing_grant_id"],
  ["grantId duplicated", { otherNames: [grant("g-1"), grant("g-2"), subject("u")] }, "duplicate_grant_id"],
  [
    "grantId duplicated with the same value",
    { otherNames: [grant("g"), grant("g"), subject("u")] },
    "duplicate_grant_id",
  ],
  ["subject missing", { otherNames: [grant("g")] }, "missing_subject"],
  ["subject duplicated", { otherNames: [grant("g"), subject("u-1"), subject("u-2")] }, "duplicate_subject"],
  ["grantId as IA5String", { otherNames: [grant("g", "ia5"), subject("u")] }, "bad_otherName_type"],
  ["grantId empty", { otherNames: [grant(""), subject("u")] }, "empty_value"],
  ["subject empty", { otherNames: [grant("g"), subject("")] }, "empty_value"],
  ["grantId 10 kB long", { otherNames: [grant("g".repeat(10_000)), subject("u")] }, "value_too_long"],
  ["grantId with a newline", { otherNames: [grant("g\nforged: yes"), subject("u")] }, "invalid_value"],
  [
    "grantId only in the CN",
    { commonName: `mosaic-peer ${TEST_GRANT_ID}`, otherNames: [subject("u")] },
    "missing_grant_id",
  ],
  [
    "grantId value that is not a string at all (an INTEGER)",
    { otherNames: [{ oid: OID_GRANT_ID, valueDer: new Uint8Array([0x02, 0x01, 0x05]).buffer }, subject("u")] },
    "bad_otherName_type",
  ],
  [
    "grantId UTF8String that is not valid UTF-8",
    { otherNames: [{ oid: OID_GRANT_ID, valueDer: new Uint8Array([0x0c, 0x02, 0xc3, 0x28]).buffer }, subject("u")] },
    "invalid_value",
  ],
  [
    "an unknown critical extension",
    { extraExtensions: [new Extension("1.3.6.1.4.1.99999.77", true, derString(0x0c, "x"))] },
    "unknown_critical_extension",
  ],
  [
    "two EKU extensions",
    { extraExtensions: [new Extension("2.5.29.37", false, new Uint8Array([0x30, 0x00]).buffer)] },
    "duplicate_extension",
  ],
];

describe("parsePeerIdentity rejects", () => {
  it.each(matrix)("%s", async (_name, options, reason) => {
    const leaf = await issueTestLeaf(ca, options);
    expect(parsePeerIdentity(leaf.certDer)).toEqual({ ok: false, reason });
  });

  it("bytes that are not a certificate, empty input, and oversized input", () => {
    expect(parsePeerIdentity(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toEqual({
      ok: false,
      reason: "malformed_certificate",
    });
    expect(parsePeerIdentity(new Uint8Array())).toEqual({ ok: false, reason: "malformed_certificate" });
    expect(parsePeerIdentity(new Uint8Array(70_000))).toEqual({ ok: false, reason: "malformed_certificate" });
  });

  it("a truncated certificate", async () => {
    const leaf = await issueTestLeaf(ca);
    expect(parsePeerIdentity(leaf.certDer.subarray(0, leaf.certDer.length - 20))).toEqual({
      ok: false,
      reason: "malformed_certificate",
    });
  });

  it("an expired or not-yet-valid certificate when given a clock (resumed TLS sessions)", async () => {
    const notBefore = new Date("2030-01-01T00:00:00Z");
    const leaf = await issueTestLeaf(ca, { notBefore, notAfter: new Date(notBefore.getTime() + DAY_MS) });
    expect(parsePeerIdentity(leaf.certDer, { now: new Date(notBefore.getTime() + 2 * DAY_MS) })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(parsePeerIdentity(leaf.certDer, { now: new Date(notBefore.getTime() - 1000) })).toEqual({
      ok: false,
      reason: "not_yet_valid",
    });
    expect(parsePeerIdentity(leaf.certDer, { now: new Date(notBefore.getTime() + 1000) })).toMatchObject({ ok: true });
  });
});
