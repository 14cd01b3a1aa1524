/** @module The federation PKI: embedded CA, server and peer certificates, CRLs, peer identity parsing. */

export { type SignClientCsrProps, signClientCsr } from "./clientCertificate.js";
export { type CrlContents, createCrl, type RevokedSerial, readCrl } from "./crl.js";
export { type ClientCertificateIssuer, type ClientCsrRequest, embeddedIssuer } from "./issuer.js";
export { certificateFingerprint, randomSerial } from "./keys.js";
export type { IssuedCertificate } from "./leaf.js";
export {
  MAX_IDENTITY_VALUE_BYTES,
  MAX_VALIDITY_DAYS,
  OID_EKU_CLIENT_AUTH,
  OID_EKU_SERVER_AUTH,
  OID_GRANT_ID,
  OID_SUBJECT_USER_ID,
} from "./oids.js";
export { generatePeerKeyAndCsr } from "./peerCsr.js";
export { type PeerIdentity, type PeerIdentityRejection, parsePeerIdentity } from "./peerIdentity.js";
export { CA_VALIDITY_DAYS, type CaMaterial, type CreatedCa, createCa } from "./rootCa.js";
export { issueServerCertificate, type ServerCertificate } from "./serverCertificate.js";
