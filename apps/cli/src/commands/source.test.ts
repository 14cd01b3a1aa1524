/** @module Unit: `--source` parsing, the SOURCE column and the "partial:" warning. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CliError } from "../output.js";
import { sourceColumns, sourceQuery, warnPartial } from "./source.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("--source", () => {
  it("sends nothing for the default and for local, the selector otherwise", () => {
    expect(sourceQuery({})).toEqual({});
    expect(sourceQuery({ source: "local" })).toEqual({});
    expect(sourceQuery({ source: "all" })).toEqual({ source: "all" });
    expect(sourceQuery({ source: "federated:gw-a" })).toEqual({ source: "federated:gw-a" });
  });

  it.each(["everything", "federated:", "federated:Gw", "peer:a"])(
    "refuses %s before any request (usage, exit 2)",
    (source) => {
      expect(() => sourceQuery({ source })).toThrow(CliError);
      try {
        sourceQuery({ source });
      } catch (err) {
        expect((err as CliError).exitCode).toBe(2);
      }
    },
  );
});

describe("SOURCE column", () => {
  const items = [{ _source: "local", id: "1" }, { _source: "gw-a", id: "2" }, { id: "3" }];
  it("is absent for a local read", () => {
    expect(sourceColumns({}, ["ID"], items, (i) => [i.id])).toEqual([["ID"], [["1"], ["2"], ["3"]]]);
  });
  it("comes first when the read went through peers", () => {
    expect(sourceColumns({ source: "all" }, ["ID"], items, (i) => [i.id])).toEqual([
      ["SOURCE", "ID"],
      [
        ["local", "1"],
        ["gw-a", "2"],
        ["local", "3"],
      ],
    ]);
  });
});

describe("partial warning", () => {
  it("writes one stderr line per failed peer, nothing when complete", () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    warnPartial({});
    warnPartial({
      _partial: true,
      _errors: [
        { peer: "gw-b", reason: "timeout" },
        { peer: "gw-c", reason: "network" },
      ],
    });
    expect(lines).toEqual(["partial: gw-b unreachable (timeout)\n", "partial: gw-c unreachable (network)\n"]);
  });
});
