/** @module Storage: the schema, migrations, both drivers, service probes, the tier detector and migration. */
export { dataDirHolder } from "./dataDirLock.js";
export * from "./migrateTier.js";
export { openStore } from "./openStore.js";
export * from "./probes.js";
export * from "./repositories/index.js";
export * as schema from "./schema.js";
export { EPHEMERAL_TABLES } from "./schema.js";
export * from "./store.js";
export * from "./tier.js";
export * from "./vectorIndexes.js";
