/** @module Object identifiers and size limits shared by certificate issuance and peer-identity parsing. */

/** otherName type-id carrying the grant id in a peer client certificate (UTF8String). */
export const OID_GRANT_ID = "1.3.6.1.4.1.99999.1";
/** otherName type-id carrying the A-side subject user id in a peer client certificate (UTF8String). */
export const OID_SUBJECT_USER_ID = "1.3.6.1.4.1.99999.2";

export const OID_EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
export const OID_EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/**
 * Longest grantId / subjectUserId (UTF-8 bytes) we issue or accept. Ids are UUID-sized; the cap
 * keeps a hostile certificate from pushing megabytes into audit rows and log lines.
 */
export const MAX_IDENTITY_VALUE_BYTES = 256;

/** Issued certificates never live longer than this, whatever a caller passes. */
export const MAX_VALIDITY_DAYS = 3650;
