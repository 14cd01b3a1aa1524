/** @module Unit tests: CRLs are signed by the CA, labelled `X509 CRL`, and read back verified. */
import "reflect-metadata";
import { createSecureContext } from "node:tls";
import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber, id_ce_cRLNumber } from "@peculiar/asn1-x509";
import { PemConverter, X509Crl } from "@peculiar/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { createCrl, readCrl } from "./crl.js";
import { randomSerial } from "./keys.js";
import { type CreatedCa, createCa } from "./rootCa.js";

let ca: CreatedCa;
beforeAll(async () => {
  ca = await createCa({ commonName: "Mosaic federation CA (crl tests)" });
});

const thisUpdate = new Date("2030-03-01T00:00:00Z");
const nextUpdate = new Date("2030-03-02T00:00:00Z");

describe("createCrl / readCrl", () => {
  it("lists the revoked serials and dates, and reads them back after verifying the signature", async () => {
    const revoked = [
      { serial: randomSerial(), revokedAt: new Date("2030-02-27T10:00:00Z") },
      { serial: "7f".repeat(16).toUpperCase(), revokedAt: new Date("2030-02-28T11:30:00Z") },
    ];
    const pem = await createCrl({ ca, revoked, thisUpdate, nextUpdate });
    expect(pem.startsWith("-----BEGIN X509 CRL-----\n")).toBe(true);
    expect(pem.trimEnd().endsWith("-----END X509 CRL-----")).toBe(true);
    // OpenSSL (behind node:tls) accepts it as is; it throws on a PEM it cannot read.
    expect(() => createSecureContext({ crl: pem })).not.toThrow();

    const contents = await readCrl({ crl: pem, caCertPem: ca.certPem });
    expect(contents.thisUpdate).toEqual(thisUpdate);
    expect(contents.nextUpdate).toEqual(nextUpdate);
    expect(contents.revoked).toEqual(revoked.map((r) => ({ serial: r.serial.toLowerCase(), revokedAt: r.revokedAt })));
  });

  it("carries an AKI and a CRL number that grows with thisUpdate unless given", async () => {
    const crlNumber = (pem: string) => {
      const ext = new X509Crl(PemConverter.decodeFirst(pem)).extensions.find((e) => e.type === id_ce_cRLNumber);
      // The schema declares a number but large values come back as a decimal string.
      return ext ? Number(AsnConvert.parse(ext.value, CRLNumber).value) : undefined;
    };
    const first = await createCrl({ ca, revoked: [], thisUpdate, nextUpdate });
    const later = await createCrl({
      ca,
      revoked: [],
      thisUpdate: new Date(thisUpdate.getTime() + 60_000),
      nextUpdate: new Date(nextUpdate.getTime() + 60_000),
    });
    expect(crlNumber(first)).toBe(thisUpdate.getTime() / 1000);
    expect(crlNumber(later)).toBe((crlNumber(first) ?? 0) + 60);
    expect(crlNumber(await createCrl({ ca, revoked: [], thisUpdate, nextUpdate, crlNumber: 7 }))).toBe(7);
    expect(new X509Crl(PemConverter.decodeFirst(first)).extensions.map((e) => e.type)).toContain("2.5.29.35");
  });

  it("refuses a CRL signed by another CA, and garbage", async () => {
    const other = await createCa({ commonName: "other" });
    const pem = await createCrl({
      ca: other,
      revoked: [{ serial: "01", revokedAt: thisUpdate }],
      thisUpdate,
      nextUpdate,
    });
    await expect(readCrl({ crl: pem, caCertPem: ca.certPem })).rejects.toMatchObject({
      code: "validation_error",
      message: "the CRL signature does not verify against the CA",
    });
    await expect(readCrl({ crl: "nonsense", caCertPem: ca.certPem })).rejects.toMatchObject({ message: "not a CRL" });
  });

  it("rejects nextUpdate not after thisUpdate and malformed serials", async () => {
    await expect(createCrl({ ca, revoked: [], thisUpdate, nextUpdate: thisUpdate })).rejects.toMatchObject({
      code: "validation_error",
    });
    await expect(
      createCrl({ ca, revoked: [{ serial: "zz", revokedAt: thisUpdate }], thisUpdate, nextUpdate }),
    ).rejects.toMatchObject({ code: "validation_error" });
  });
});
