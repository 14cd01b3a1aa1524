import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkProfileName,
  credentialsPath,
  listProfiles,
  readProfile,
  removeProfile,
  type StoredProfile,
  saveProfile,
} from "./credentials.js";
import { CliError } from "./output.js";

const profile = (url: string): StoredProfile => ({
  url,
  token: `mos_${"t".repeat(43)}`,
  tokenId: "5b6c7d8e-0000-4000-8000-000000000000",
  createdByCli: true,
  user: { id: "0b9c1d2e-0000-4000-8000-000000000000", email: "ada@example.com", name: "Ada" },
  savedAt: "2026-01-01T00:00:00.000Z",
});

const home = () => join(mkdtempSync(join(tmpdir(), "mosaic-cred-")), "home");

describe("credentials store", () => {
  it("creates MOSAIC_HOME 0700 and the file 0600, leaving no temporary file", () => {
    const dir = home();
    saveProfile(dir, "default", profile("http://a"));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["credentials.json"]);
  });

  it("tightens an existing group/world-readable MOSAIC_HOME and file", () => {
    const dir = home();
    saveProfile(dir, "default", profile("http://a"));
    chmodSync(dir, 0o755);
    chmodSync(credentialsPath(dir), 0o644);
    saveProfile(dir, "work", profile("http://b"));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
  });

  it("holds several profiles; removing the last one deletes the file", () => {
    const dir = home();
    saveProfile(dir, "default", profile("http://a"));
    saveProfile(dir, "work", profile("http://b"));
    expect(Object.keys(listProfiles(dir)).sort()).toEqual(["default", "work"]);
    expect(readProfile(dir, "work")?.url).toBe("http://b");
    expect(removeProfile(dir, "work")?.url).toBe("http://b");
    expect(removeProfile(dir, "work")).toBeUndefined();
    expect(JSON.parse(readFileSync(credentialsPath(dir), "utf8")).profiles).toHaveProperty("default");
    removeProfile(dir, "default");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a missing file is no profiles; a corrupt one is a usage error saying what to do", () => {
    const dir = home();
    expect(readProfile(dir, "default")).toBeUndefined();
    saveProfile(dir, "default", profile("http://a"));
    writeFileSync(credentialsPath(dir), "{ not json");
    expect(() => readProfile(dir, "default")).toThrow(/not valid JSON — delete it and run mosaic login again/);
    writeFileSync(credentialsPath(dir), JSON.stringify({ profiles: [] }));
    expect(() => readProfile(dir, "default")).toThrow(CliError);
  });

  it("ignores malformed entries instead of sending half a credential", () => {
    const dir = home();
    saveProfile(dir, "default", profile("http://a"));
    writeFileSync(
      credentialsPath(dir),
      JSON.stringify({ profiles: { default: profile("http://a"), broken: { url: "http://b" } } }),
    );
    expect(Object.keys(listProfiles(dir))).toEqual(["default"]);
  });

  it("profile names are short and shell-safe", () => {
    expect(checkProfileName("work-2.eu_west")).toBe("work-2.eu_west");
    for (const bad of ["", "has space", "../etc", "-flag", "x".repeat(41)]) {
      expect(() => checkProfileName(bad)).toThrow(/invalid profile name/);
    }
  });
});
