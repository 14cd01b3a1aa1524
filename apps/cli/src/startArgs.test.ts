import { describe, expect, it } from "vitest";
import { plainStartOptions } from "./startArgs.js";

describe("plainStartOptions", () => {
  it("takes plain `gateway start` with --port/--host in both spellings", () => {
    expect(plainStartOptions(["gateway", "start"])).toEqual({});
    expect(plainStartOptions(["gateway", "start", "--port", "8080", "--host=0.0.0.0"])).toEqual({
      port: "8080",
      host: "0.0.0.0",
    });
  });

  it("leaves everything else to the command tree", () => {
    for (const args of [
      [],
      ["gateway"],
      ["gateway", "doctor"],
      ["gateway", "start", "--help"],
      ["gateway", "start", "-h"],
      ["gateway", "start", "--port"],
      ["gateway", "start", "--port="],
      ["gateway", "start", "--port", "--host", "x"],
      ["gateway", "start", "extra"],
      ["--profile", "work", "gateway", "start"],
    ])
      expect(plainStartOptions(args), args.join(" ")).toBeNull();
  });
});
