import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from src/schema.ts into migrations/ (committed). Never run
// `drizzle-kit migrate`: the gateway applies migrations from code on start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/db/src/schema.ts",
  out: "./packages/db/migrations",
});
