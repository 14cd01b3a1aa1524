/** @module Mosaic configuration: the schema, the loader and the typed tree passed to every package. */
export * from "./config.js";
export { ConfigFile } from "./schema.js";
