/** @module Accounts (better-auth), personal access tokens, authentication, teams and the access (RBAC) module. */
export * from "./access.js";
export * from "./accounts.js";
export * from "./actor.js";
export * from "./authenticate.js";
export * from "./brainAccess.js";
export * from "./federatedAccess.js";
export * from "./presenters.js";
export * from "./rateLimiter.js";
export * from "./secret.js";
export * from "./teams.js";
export * from "./tokens.js";
export * from "./users.js";
