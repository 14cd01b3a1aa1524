/** @module Unit tests: the embedded root CA's fields and its fingerprint format. */
import "reflect-metadata";
import { createHash, X509Certificate as NodeX509Certificate } from "node:crypto";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  X509Certificate,
} from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { certificateFingerprint, crypto, DAY_MS } from "./keys.js";
import { CA_VALIDITY_DAYS, CLOCK_SKEW_MS, createCa } from "./rootCa.js";
import { issueServerCertificate } from "./serverCertificate.js";

describe("createCa", () => {
  it("makes a self-signed P-256 root with critical cA:TRUE and keyCertSign|cRLSign, valid ~10 years", async () => {
    const now = new Date("2031-05-06T07:08:09.000Z");
    const ca = await createCa({ commonName: "Mosaic federation CA, gateway A", now });
    const cert = new X509Certificate(ca.certPem);
    const basic = cert.getExtension(BasicConstraintsExtension);
    expect(basic?.ca).toBe(true);
    expect(basic?.critical).toBe(true);
    const keyUsage = cert.getExtension(KeyUsagesExtension);
    expect(keyUsage?.usages).toBe(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign);
    expect(keyUsage?.critical).toBe(true);
    expect(await cert.isSelfSigned(crypto)).toBe(true);
    expect(cert.publicKey.algorithm).toMatchObject({ name: "ECDSA", namedCurve: "P-256" });
    // A comma in the name stays inside the CN instead of starting another RDN.
    expect(cert.subjectName.getField("CN")).toEqual(["Mosaic federation CA, gateway A"]);
    expect(cert.notBefore).toEqual(new Date(now.getTime() - CLOCK_SKEW_MS));
    expect(cert.notAfter).toEqual(new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS));
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("rejects an empty or overlong common name", async () => {
    await expect(createCa({ commonName: "  " })).rejects.toMatchObject({ code: "validation_error" });
    await expect(createCa({ commonName: "x".repeat(65) })).rejects.toMatchObject({ code: "validation_error" });
  });
});

describe("fingerprint", () => {
  it("is the lowercase hex SHA-256 of the DER, 64 chars, stable, and differs between CAs", async () => {
    const a = await createCa({ commonName: "A" });
    const b = await createCa({ commonName: "A" });
    expect(a.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(certificateFingerprint(a.certPem)).toBe(a.fingerprintSha256);
    expect(certificateFingerprint(a.certPem)).toBe(certificateFingerprint(a.certPem));
    const der = new NodeX509Certificate(a.certPem).raw;
    expect(certificateFingerprint(der)).toBe(a.fingerprintSha256);
    expect(createHash("sha256").update(der).digest("hex")).toBe(a.fingerprintSha256);
    // Node's own colon-separated form agrees once normalized.
    expect(new NodeX509Certificate(a.certPem).fingerprint256.replaceAll(":", "").toLowerCase()).toBe(
      a.fingerprintSha256,
    );
    expect(b.fingerprintSha256).not.toBe(a.fingerprintSha256);
  });
});

describe("issueServerCertificate", () => {
  it("issues a serverAuth leaf for the given DNS names and IPs", async () => {
    const ca = await createCa({ commonName: "A" });
    const server = await issueServerCertificate({
      ca,
      hostnames: ["Gateway-A.example", "localhost"],
      ips: ["127.0.0.1", "::1"],
      validityDays: 90,
    });
    const cert = new X509Certificate(server.certPem);
    expect(cert.getExtension(BasicConstraintsExtension)?.ca).toBe(false);
    expect(cert.getExtension(KeyUsagesExtension)?.usages).toBe(KeyUsageFlags.digitalSignature);
    expect(cert.getExtension(ExtendedKeyUsageExtension)?.usages).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(cert.getExtension(SubjectAlternativeNameExtension)?.names.toJSON()).toEqual([
      { type: "dns", value: "gateway-a.example" },
      { type: "dns", value: "localhost" },
      { type: "ip", value: "127.0.0.1" },
      { type: "ip", value: "::1" },
    ]);
    expect(new NodeX509Certificate(server.certPem).checkIssued(new NodeX509Certificate(ca.certPem))).toBe(true);
    expect(server.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("rejects bad names and a request with no name at all", async () => {
    const ca = await createCa({ commonName: "A" });
    for (const hostnames of [["bad name"], ["*.example"], ["a..b"], ["-x.example"]]) {
      await expect(issueServerCertificate({ ca, hostnames, validityDays: 1 })).rejects.toMatchObject({
        code: "validation_error",
      });
    }
    await expect(
      issueServerCertificate({ ca, hostnames: [], ips: ["300.1.1.1"], validityDays: 1 }),
    ).rejects.toMatchObject({ code: "validation_error" });
    await expect(issueServerCertificate({ ca, hostnames: [], validityDays: 1 })).rejects.toMatchObject({
      message: "a server certificate needs at least one hostname or IP",
    });
  });
});
