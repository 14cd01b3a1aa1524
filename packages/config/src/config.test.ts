import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function home(file?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "mosaic-config-"));
  if (file !== undefined) {
    writeFileSync(join(dir, "mosaic.config.json"), typeof file === "string" ? file : JSON.stringify(file));
  }
  return dir;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to the local tier under MOSAIC_HOME with no file at all", () => {
    const dir = home();
    const config = loadConfig({ MOSAIC_HOME: dir });
    expect(config.storage).toEqual({ tier: "local", url: null, dataDir: join(dir, "data") });
    expect(config.queue.type).toBe("memory");
    expect(config.gateway.port).toBe(4242);
    expect(config.federation).toMatchObject({ enabled: false, port: 4243, enrollPort: 4244 });
    expect(config.configFile).toBeNull();
    expect(config.warnings).toEqual([]);
  });

  it("reads federation server names and the enrollment rate limit from the file or the environment", () => {
    const fromFile = loadConfig({
      MOSAIC_HOME: home({ federation: { serverNames: ["mosaic.example", "10.0.0.5"], enrollRateLimitPerMinute: 3 } }),
    });
    expect(fromFile.federation.serverNames).toEqual(["mosaic.example", "10.0.0.5"]);
    expect(fromFile.federation.enrollRateLimitPerMinute).toBe(3);
    const fromEnv = loadConfig({
      MOSAIC_HOME: home(),
      MOSAIC_FEDERATION_SERVER_NAMES: " a.example , b.example,,",
      MOSAIC_ENROLL_RATE_LIMIT: "50",
    });
    expect(fromEnv.federation.serverNames).toEqual(["a.example", "b.example"]);
    expect(fromEnv.federation.enrollRateLimitPerMinute).toBe(50);
    expect(loadConfig({ MOSAIC_HOME: home() }).federation).toMatchObject({
      serverNames: [],
      enrollRateLimitPerMinute: 10,
      requestTimeoutMs: 5000,
    });
    expect(problemsOf({ MOSAIC_HOME: home(), MOSAIC_ENROLL_RATE_LIMIT: "0" })[0]).toContain(
      "federation.enrollRateLimitPerMinute (from MOSAIC_ENROLL_RATE_LIMIT)",
    );
  });

  it("reads the peer request timeout from the file and MOSAIC_FEDERATION_TIMEOUT_MS, and bounds it", () => {
    expect(
      loadConfig({ MOSAIC_HOME: home({ federation: { requestTimeoutMs: 800 } }) }).federation.requestTimeoutMs,
    ).toBe(800);
    expect(loadConfig({ MOSAIC_HOME: home(), MOSAIC_FEDERATION_TIMEOUT_MS: "1500" }).federation.requestTimeoutMs).toBe(
      1500,
    );
    expect(problemsOf({ MOSAIC_HOME: home(), MOSAIC_FEDERATION_TIMEOUT_MS: "5" })[0]).toContain(
      "federation.requestTimeoutMs (from MOSAIC_FEDERATION_TIMEOUT_MS)",
    );
  });

  it("lets the environment override the file", () => {
    const dir = home({ gateway: { port: 5000 }, storage: { tier: "local" } });
    const config = loadConfig({
      MOSAIC_HOME: dir,
      MOSAIC_PORT: "6001",
      MOSAIC_STORAGE_TIER: "standalone",
      DATABASE_URL: "postgres://u:p@127.0.0.1/brain",
      VALKEY_URL: "redis://127.0.0.1:6379",
    });
    expect(config.gateway.port).toBe(6001);
    expect(config.storage.tier).toBe("standalone");
    expect(config.queue).toEqual({ type: "valkey", url: "redis://127.0.0.1:6379" });
    expect(config.configFile).toBe(join(dir, "mosaic.config.json"));
  });

  it("accepts `team` as a deprecated alias of standalone, with exactly one warning", () => {
    const config = loadConfig({
      MOSAIC_HOME: home({
        storage: { tier: "team", url: "postgres://127.0.0.1/x" },
        queue: { url: "redis://127.0.0.1" },
      }),
    });
    expect(config.storage.tier).toBe("standalone");
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toMatch(/"team" is deprecated; use "standalone"/);
  });

  it("reports every problem at once, one line each, naming the key and the variable", () => {
    const problems = problemsOf({
      MOSAIC_HOME: home({ gateway: { port: 70000 }, storage: { tier: "cloud" } }),
      MOSAIC_LOG_LEVEL: "loud",
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith("storage.tier:"))).toMatch(
      /must be one of local, standalone, federated, team/,
    );
    expect(problems.find((p) => p.startsWith("gateway.port:"))).toBeDefined();
    expect(problems.find((p) => p.startsWith("gateway.logLevel (from MOSAIC_LOG_LEVEL):"))).toBeDefined();
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    expect(problemsOf({ MOSAIC_HOME: home({ gatway: { port: 1 } }) })).toEqual([
      expect.stringMatching(/^gatway: unknown key/),
    ]);
    expect(problemsOf({ MOSAIC_HOME: home({ gateway: { prot: 1 } }) })).toEqual([
      expect.stringMatching(/^gateway\.prot: unknown key/),
    ]);
  });

  it("says where invalid JSON is", () => {
    expect(problemsOf({ MOSAIC_HOME: home("{ nope") })[0]).toMatch(/^mosaic\.config\.json: not valid JSON/);
  });

  it("needs a database URL beyond the local tier and a Valkey queue for federated", () => {
    expect(problemsOf({ MOSAIC_HOME: home(), MOSAIC_STORAGE_TIER: "standalone", VALKEY_URL: "redis://h" })).toEqual([
      expect.stringMatching(/^storage\.url: required for the standalone tier — set DATABASE_URL/),
    ]);
    expect(
      problemsOf({
        MOSAIC_HOME: home(),
        MOSAIC_STORAGE_TIER: "federated",
        DATABASE_URL: "postgres://h/d",
        MOSAIC_QUEUE: "postgres",
      }),
    ).toEqual([
      expect.stringMatching(/^queue\.type \(from MOSAIC_QUEUE\): the federated tier needs a Valkey\/Redis queue/),
    ]);
  });

  it("never repeats a password it was given", () => {
    const problems = problemsOf({
      MOSAIC_HOME: home(),
      MOSAIC_STORAGE_TIER: "standalone",
      DATABASE_URL: "mysql://root:hunter2@db/x",
      VALKEY_URL: "redis://:hunter2@h",
    });
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(problems[0]).toMatch(/storage\.url \(from DATABASE_URL\): must be a postgres:\/\//);
  });

  it("reads failpoints for fault tests", () => {
    expect(loadConfig({ MOSAIC_HOME: home(), MOSAIC_FAILPOINTS: "ready.delay=1500,x=2" }).failpoints).toEqual({
      "ready.delay": 1500,
      x: 2,
    });
  });
});
