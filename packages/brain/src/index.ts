/** @module The brain's domain services (no HTTP): projects so far. Repositories are injected. */
export * from "./presenters.js";
export * from "./projects.js";
