/** @module The brain's pure domain code: the TASKS.md mission format and text embedders. */
export * from "./missions/tasksMd.js";
