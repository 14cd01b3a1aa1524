import { describe, expect, it } from "vitest";
import { applyKeys, type SecretInput, stripOneNewline } from "./prompt.js";

const start: SecretInput = { text: "", state: "typing" };

describe("applyKeys (hidden password input)", () => {
  it("collects printable characters until Enter", () => {
    expect(applyKeys(start, "hunter2")).toEqual({ text: "hunter2", state: "typing" });
    expect(applyKeys(start, "hunter2\r")).toEqual({ text: "hunter2", state: "done" });
    expect(applyKeys({ text: "ab", state: "typing" }, "c\n")).toEqual({ text: "abc", state: "done" });
  });

  it("Backspace deletes one character (also a multi-byte one), Ctrl-U clears", () => {
    expect(applyKeys(start, "abc\u007f\u007fd\r")).toEqual({ text: "ad", state: "done" });
    expect(applyKeys(start, "pä\u007f\r").text).toBe("p");
    expect(applyKeys(start, "wrong\u0015right\r").text).toBe("right");
  });

  it("Ctrl-C cancels; Ctrl-D cancels only on an empty line", () => {
    expect(applyKeys({ text: "abc", state: "typing" }, "\u0003")).toEqual({ text: "", state: "cancelled" });
    expect(applyKeys(start, "\u0004").state).toBe("cancelled");
    expect(applyKeys(start, "a\u0004b\r")).toEqual({ text: "ab", state: "done" });
  });

  it("ignores arrow keys and other escape sequences instead of typing them", () => {
    expect(applyKeys(start, "a\u001b[Ab\u001b[1;5Cc\r").text).toBe("abc");
    expect(applyKeys(start, "a\tb\r").text).toBe("ab");
  });

  it("keeps what follows Enter out of the password", () => {
    expect(applyKeys(start, "pw\rextra")).toEqual({ text: "pw", state: "done" });
  });
});

describe("stripOneNewline (--password-stdin)", () => {
  it("drops exactly one trailing newline, keeping other whitespace that may be part of a password", () => {
    expect(stripOneNewline("pw\n")).toBe("pw");
    expect(stripOneNewline("pw\r\n")).toBe("pw");
    expect(stripOneNewline("pw \n\n")).toBe("pw \n");
    expect(stripOneNewline(" pw")).toBe(" pw");
  });
});
