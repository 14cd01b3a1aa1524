/** @module Federation between Mosaic gateways: the PKI (ca/), sealing, the CA at rest, grants, enrollment and peers. */
import "reflect-metadata";

export * from "./ca/index.js";
export * from "./caStore.js";
export * from "./client/index.js";
export * from "./dataPlane/peerAuthorization.js";
export * from "./enrollment/enrollmentUrl.js";
export * from "./enrollment/redeem.js";
export * from "./grants/grants.js";
export * from "./grants/grantTransitions.js";
export * from "./peers/enrollClient.js";
export * from "./peers/peers.js";
export * from "./presenters.js";
export * from "./reads/index.js";
export * from "./scope/scopePipeline.js";
export * from "./seal.js";
