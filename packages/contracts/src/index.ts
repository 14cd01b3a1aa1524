/** @module The wire: zod schemas and error codes shared by the gateway, CLI, web and peers. No I/O. */
export * from "./errors.js";
export * from "./health.js";
export * from "./realtime.js";
export * from "./redact.js";
