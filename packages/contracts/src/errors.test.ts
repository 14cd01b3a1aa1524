import { describe, expect, it } from "vitest";
import { isMosaicError, MosaicError } from "./errors.js";

describe("isMosaicError", () => {
  it("recognises a MosaicError from another copy of the module (the bundled gateway's)", async () => {
    // A second, separately evaluated copy of this module, as the CLI sees the bundled gateway's.
    const copy = "./errors.ts?copy";
    const other = (await import(/* @vite-ignore */ copy)) as typeof import("./errors.js");
    const err = new other.MosaicError("service_unavailable", "database unreachable");
    expect(other.MosaicError).not.toBe(MosaicError);
    expect(err instanceof MosaicError).toBe(false);
    expect(isMosaicError(err)).toBe(true);
  });

  it("rejects plain errors, even ones named MosaicError", () => {
    const err = new Error("x");
    err.name = "MosaicError";
    expect(isMosaicError(err)).toBe(false);
    expect(isMosaicError(new MosaicError("not_found", "x"))).toBe(true);
  });
});
