/** @module B's side of the data plane: the per-peer mTLS client and its typed errors. */
export * from "./clientError.js";
export * from "./federationClient.js";
