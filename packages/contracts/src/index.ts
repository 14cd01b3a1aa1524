/** @module The wire: zod schemas and error codes shared by the gateway, CLI, web and peers. No I/O. */
export * from "./accounts.js";
export * from "./conversations.js";
export * from "./errors.js";
export * from "./federation.js";
export * from "./federationWire.js";
export * from "./health.js";
export * from "./memory.js";
export * from "./missions.js";
export * from "./notes.js";
export * from "./pagination.js";
export * from "./projects.js";
export * from "./realtime.js";
export * from "./redact.js";
export * from "./search.js";
export * from "./tasks.js";
export * from "./teams.js";
export * from "./text.js";
