import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@mosaic/config";
import { describe, expect, it } from "vitest";
import { deriveKey, resolveMasterSecret } from "./secret.js";

describe("the master secret", () => {
  it("without MOSAIC_SECRET: creates a 0600 key file once and reads the same value afterwards", () => {
    const config = loadConfig({ MOSAIC_HOME: mkdtempSync(join(tmpdir(), "mosaic-secret-")) });
    const first = resolveMasterSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(config.auth.secretFile).mode & 0o777).toBe(0o600);
    expect(resolveMasterSecret(config)).toBe(first);
  });

  it("MOSAIC_SECRET wins and no file is written", () => {
    const home = mkdtempSync(join(tmpdir(), "mosaic-secret-"));
    const config = loadConfig({ MOSAIC_HOME: home, MOSAIC_SECRET: "k".repeat(40) });
    expect(resolveMasterSecret(config)).toBe("k".repeat(40));
    expect(() => statSync(config.auth.secretFile)).toThrow();
  });

  it("a short MOSAIC_SECRET is a config error naming the key, without the value", () => {
    expect(() => loadConfig({ MOSAIC_HOME: tmpdir(), MOSAIC_SECRET: "tooshort" })).toThrow(
      /auth\.secret \(from MOSAIC_SECRET\): must be at least 32 characters/,
    );
    try {
      loadConfig({ MOSAIC_HOME: tmpdir(), MOSAIC_SECRET: "tooshort" });
    } catch (err) {
      expect((err as Error).message).not.toContain("tooshort");
    }
  });

  it("derived keys differ per purpose and are stable", () => {
    const master = "m".repeat(40);
    expect(deriveKey(master, "session-cookie")).toBe(deriveKey(master, "session-cookie"));
    expect(deriveKey(master, "session-cookie")).not.toBe(deriveKey(master, "sealing"));
  });
});
