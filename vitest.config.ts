import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// need no build; the e2e suites run the built CLI (npm test builds first). The rest of each list is
// Vite's default; "import" must not be added (it would make CommonJS `require` load ESM builds).
export default defineConfig({
  resolve: { conditions: ["source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: ["source", "node", "development|production"] } },
  test: {
    include: [
      "apps/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.tsx",
      "apps/*/test/**/*.test.ts",
      "packages/*/src/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**"],
    globalSetup: ["./test/globalSetup.ts"],
    reporters: ["default", "./test/summaryReporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
