/** @module Unit tests: client certificates carry exactly A's values, whatever the CSR asks for. */
import "reflect-metadata";
import { AsnConvert } from "@peculiar/asn1-schema";
import { SubjectAlternativeName } from "@peculiar/asn1-x509";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  Extension,
  ExtensionsAttribute,
  KeyUsageFlags,
  KeyUsagesExtension,
  Pkcs10CertificateRequest,
  Pkcs10CertificateRequestGenerator,
  SubjectAlternativeNameExtension,
  X509Certificate,
} from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { signClientCsr } from "./clientCertificate.js";
import { embeddedIssuer } from "./issuer.js";
import { crypto, DAY_MS, ECDSA_SHA256, generateP256KeyPair, randomSerial } from "./keys.js";
import { otherNameSanExtension, utf8StringDer } from "./leaf.js";
import { OID_EKU_CLIENT_AUTH, OID_GRANT_ID, OID_SUBJECT_USER_ID } from "./oids.js";
import { generatePeerKeyAndCsr } from "./peerCsr.js";
import { parsePeerIdentity } from "./peerIdentity.js";
import { type CreatedCa, createCa } from "./rootCa.js";

const grantId = "7f9c2b1e-4d3a-4c8e-9b6f-0a1b2c3d4e5f";
const subjectUserId = "usr_alice";
const now = new Date("2030-01-02T03:04:05.000Z");

let ca: CreatedCa;
beforeAll(async () => {
  ca = await createCa({ commonName: "Mosaic federation CA (test A)" });
});

/** How many GeneralNames of any kind the SAN holds (parsed from DER; @peculiar/x509 hides otherNames). */
function sanEntryCount(cert: X509Certificate): number {
  const ext = cert.getExtension(SubjectAlternativeNameExtension);
  return ext ? AsnConvert.parse(ext.value, SubjectAlternativeName).length : 0;
}

/** Every otherName in the certificate's SAN, parsed from DER: [typeId, UTF8String value DER]. */
function sanOtherNames(cert: X509Certificate): Array<{ typeId: string; value: Buffer }> {
  const ext = cert.getExtension(SubjectAlternativeNameExtension);
  if (!ext) return [];
  const san = AsnConvert.parse(ext.value, SubjectAlternativeName);
  return san.flatMap((name) =>
    name.otherName ? [{ typeId: name.otherName.typeId, value: Buffer.from(name.otherName.value) }] : [],
  );
}

describe("signClientCsr", () => {
  it("issues a leaf with exactly our two otherNames, cA false, clientAuth, digitalSignature, requested validity and serial", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    const serial = randomSerial();
    const issued = await signClientCsr({ ca, csrPem, grantId, subjectUserId, serial, validityDays: 30, now });

    const identity = parsePeerIdentity(issued.certDer);
    expect(identity).toEqual({
      ok: true,
      grantId,
      subjectUserId,
      serial,
      notBefore: now,
      notAfter: new Date(now.getTime() + 30 * DAY_MS),
    });

    const cert = new X509Certificate(issued.certDer);
    const names = sanOtherNames(cert);
    expect(names.map((n) => n.typeId).sort()).toEqual([OID_GRANT_ID, OID_SUBJECT_USER_ID]);
    expect(names.find((n) => n.typeId === OID_GRANT_ID)?.value).toEqual(Buffer.from(utf8StringDer(grantId)));
    expect(sanEntryCount(cert)).toBe(2);

    const basic = cert.getExtension(BasicConstraintsExtension);
    expect(basic?.ca).toBe(false);
    expect(basic?.critical).toBe(true);
    expect(cert.getExtension(ExtendedKeyUsageExtension)?.usages).toEqual([OID_EKU_CLIENT_AUTH]);
    const keyUsage = cert.getExtension(KeyUsagesExtension);
    expect(keyUsage?.usages).toBe(KeyUsageFlags.digitalSignature);
    expect(keyUsage?.critical).toBe(true);
    expect(cert.serialNumber).toBe(serial);
    expect(cert.notBefore).toEqual(now);
    expect(cert.notAfter).toEqual(new Date(now.getTime() + 30 * DAY_MS));
    expect(cert.subject).toBe(`CN=mosaic-peer ${grantId}`);
    expect(cert.issuer).toBe(new X509Certificate(ca.certPem).subject);
    expect(await cert.verify({ publicKey: new X509Certificate(ca.certPem), signatureOnly: true }, crypto)).toBe(true);
  });

  it("is what the default ClientCertificateIssuer (embeddedIssuer) does", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    const serial = randomSerial();
    const issued = await embeddedIssuer(ca).signClientCsr({
      csrPem,
      grantId,
      subjectUserId,
      serial,
      validityDays: 30,
      now,
    });
    expect(issued.serial).toBe(serial);
    expect(parsePeerIdentity(issued.certDer)).toMatchObject({ ok: true, grantId, subjectUserId, serial });
    expect(new X509Certificate(issued.certDer).issuer).toBe(new X509Certificate(ca.certPem).subject);
  });

  it("takes the public key from the CSR and nothing else", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    const issued = await signClientCsr({
      ca,
      csrPem,
      grantId,
      subjectUserId,
      serial: randomSerial(),
      validityDays: 1,
      now,
    });
    const csr = new Pkcs10CertificateRequest(csrPem);
    expect(Buffer.from(new X509Certificate(issued.certDer).publicKey.rawData)).toEqual(
      Buffer.from(csr.publicKey.rawData),
    );
  });
});

/** A CSR signed by its own key that asks for everything an attacker would want. */
async function maliciousCsr(): Promise<string> {
  const keys = await generateP256KeyPair();
  const requested = [
    new BasicConstraintsExtension(true, 5, true),
    new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
    new ExtendedKeyUsageExtension([
      ExtendedKeyUsage.serverAuth,
      ExtendedKeyUsage.clientAuth,
      ExtendedKeyUsage.codeSigning,
    ]),
    new SubjectAlternativeNameExtension([
      { type: "dns", value: "gateway-a.example" },
      { type: "url", value: "spiffe://evil/admin" },
      { type: "ip", value: "10.0.0.1" },
    ]),
    otherNameSanExtension([
      { typeId: OID_GRANT_ID, valueDer: utf8StringDer("someone-elses-grant") },
      { typeId: OID_SUBJECT_USER_ID, valueDer: utf8StringDer("usr_admin") },
      { typeId: "1.3.6.1.4.1.99999.3", valueDer: utf8StringDer("role=admin") },
    ]),
    // A made-up "validity" request: 100 years.
    new Extension("1.3.6.1.4.1.99999.42", true, utf8StringDer("notAfter=2130-01-01")),
  ];
  const csr = await Pkcs10CertificateRequestGenerator.create(
    {
      name: [{ CN: [`mosaic-peer someone-elses-grant`] }, { O: ["Admins"] }],
      keys,
      signingAlgorithm: ECDSA_SHA256,
      attributes: [new ExtensionsAttribute(requested)],
    },
    crypto,
  );
  return csr.toString("pem");
}

describe("signClientCsr with a hostile CSR", () => {
  it("ignores requested SANs, other grant ids, cA:true, usages, subject and validity", async () => {
    const csrPem = await maliciousCsr();
    // The CSR really does carry the requests (so the test would notice if issuance copied them).
    expect(new Pkcs10CertificateRequest(csrPem).extensions.length).toBeGreaterThanOrEqual(6);

    const serial = randomSerial();
    const issued = await signClientCsr({ ca, csrPem, grantId, subjectUserId, serial, validityDays: 30, now });
    const cert = new X509Certificate(issued.certDer);

    expect(cert.subject).toBe(`CN=mosaic-peer ${grantId}`);
    expect(cert.getExtension(BasicConstraintsExtension)?.ca).toBe(false);
    expect(cert.getExtension(KeyUsagesExtension)?.usages).toBe(KeyUsageFlags.digitalSignature);
    expect(cert.getExtension(ExtendedKeyUsageExtension)?.usages).toEqual([OID_EKU_CLIENT_AUTH]);
    expect(cert.getExtensions(SubjectAlternativeNameExtension)).toHaveLength(1);
    expect(
      sanOtherNames(cert)
        .map((n) => n.typeId)
        .sort(),
    ).toEqual([OID_GRANT_ID, OID_SUBJECT_USER_ID]);
    expect(sanEntryCount(cert)).toBe(2);
    expect(cert.getExtension("1.3.6.1.4.1.99999.42")).toBeNull();
    expect(cert.extensions.map((e) => e.type).sort()).toEqual(
      ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.35", "2.5.29.37"].sort(),
    );
    expect(cert.notAfter).toEqual(new Date(now.getTime() + 30 * DAY_MS));
    expect(parsePeerIdentity(issued.certDer)).toMatchObject({ ok: true, grantId, subjectUserId, serial });
  });

  it("rejects a CSR whose signature does not verify", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    const csr = new Pkcs10CertificateRequest(csrPem);
    const der = new Uint8Array(csr.rawData);
    // The ECDSA signature is the DER's tail; flipping its last byte breaks it but keeps the structure.
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
    const tampered = new Pkcs10CertificateRequest(der).toString("pem");
    await expect(
      signClientCsr({ ca, csrPem: tampered, grantId, subjectUserId, serial: randomSerial(), validityDays: 30, now }),
    ).rejects.toMatchObject({ code: "validation_error", message: "the CSR signature does not verify" });
  });

  it("rejects a CSR signed by a different key than the one it carries", async () => {
    const keys = await generateP256KeyPair();
    const forged = await Pkcs10CertificateRequestGenerator.create(
      {
        name: [{ CN: ["forged"] }],
        keys: { publicKey: keys.publicKey, privateKey: (await generateP256KeyPair()).privateKey },
        signingAlgorithm: ECDSA_SHA256,
      },
      crypto,
    );
    await expect(
      signClientCsr({
        ca,
        csrPem: forged.toString("pem"),
        grantId,
        subjectUserId,
        serial: randomSerial(),
        validityDays: 30,
        now,
      }),
    ).rejects.toMatchObject({ message: "the CSR signature does not verify" });
  });

  it("rejects garbage, oversized CSRs and non-P-256 keys", async () => {
    const base = { ca, grantId, subjectUserId, serial: randomSerial(), validityDays: 30, now };
    await expect(signClientCsr({ ...base, csrPem: "not a csr" })).rejects.toMatchObject({ code: "validation_error" });
    await expect(signClientCsr({ ...base, csrPem: "A".repeat(20_000) })).rejects.toMatchObject({
      message: "the CSR is too large",
    });
    const p384 = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]);
    const csr = await Pkcs10CertificateRequestGenerator.create(
      { name: [{ CN: ["p384"] }], keys: p384, signingAlgorithm: { name: "ECDSA", hash: "SHA-384" } },
      crypto,
    );
    await expect(signClientCsr({ ...base, csrPem: csr.toString("pem") })).rejects.toMatchObject({
      message: "the CSR key must be ECDSA P-256",
    });
  });
});

describe("signClientCsr input checks", () => {
  it("refuses bad serials, validity and identity values instead of issuing", async () => {
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    const base = { ca, csrPem, grantId, subjectUserId, serial: randomSerial(), validityDays: 30, now };
    for (const serial of ["", "xyz", "00ab", "80ab", "a".repeat(42), "abc"]) {
      await expect(signClientCsr({ ...base, serial }), serial).rejects.toMatchObject({ code: "validation_error" });
    }
    for (const validityDays of [0, -1, 1.5, 3651, Number.NaN]) {
      await expect(signClientCsr({ ...base, validityDays })).rejects.toMatchObject({ code: "validation_error" });
    }
    for (const bad of ["", "a".repeat(257), "line\nbreak"]) {
      await expect(signClientCsr({ ...base, grantId: bad })).rejects.toMatchObject({ code: "validation_error" });
      await expect(signClientCsr({ ...base, subjectUserId: bad })).rejects.toMatchObject({ code: "validation_error" });
    }
  });

  it("refuses to sign with a key that is not the CA's", async () => {
    const other = await createCa({ commonName: "other" });
    const { csrPem } = await generatePeerKeyAndCsr({ commonName: "gateway-b" });
    await expect(
      signClientCsr({
        ca: { certPem: ca.certPem, privateKeyPem: other.privateKeyPem },
        csrPem,
        grantId,
        subjectUserId,
        serial: randomSerial(),
        validityDays: 30,
        now,
      }),
    ).rejects.toMatchObject({ message: "the CA private key does not belong to the CA certificate" });
  });
});
