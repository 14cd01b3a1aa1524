/** @module Reading through peers on B: fan-out, merge and the composite cursor of `source=all`. */

export { isFederationClientError } from "../client/clientError.js";
export * from "./fanOut.js";
export * from "./mergeSources.js";
export * from "./sourceCursor.js";
