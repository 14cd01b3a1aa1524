/** @module Federation between Mosaic gateways: the PKI (ca/) and sealing of secrets at rest. */
import "reflect-metadata";

export * from "./ca/index.js";
export * from "./seal.js";
