import { defineConfig } from "vite";

// The dashboard is a static SPA served by the gateway at `/`; `npm run dev` proxies the API to a
// gateway on 127.0.0.1:4242. Workspace packages resolve to their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ["source"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:4242", ws: true },
      "/ready": "http://127.0.0.1:4242",
      "/health": "http://127.0.0.1:4242",
    },
  },
});
