import { describe, expect, it } from "vitest";
import { typed } from "./TextInput.js";

const none = {
  backspace: false,
  delete: false,
  ctrl: false,
  meta: false,
  return: false,
  escape: false,
  tab: false,
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
};

describe("typed", () => {
  it("appends printable text, pasted runs included, up to the limit", () => {
    expect(typed("ra", "ck", none)).toBe("rack");
    expect(typed("abc", "defg", none, 5)).toBe("abcde");
  });

  it("backspace (either code a terminal sends) removes a character; Ctrl-U empties", () => {
    expect(typed("rack", "", { ...none, backspace: true })).toBe("rac");
    expect(typed("rack", "", { ...none, delete: true })).toBe("rac");
    expect(typed("rack", "u", { ...none, ctrl: true })).toBe("");
  });

  it("is undefined for keys that are not typing, and drops control characters", () => {
    expect(typed("x", "", { ...none, return: true })).toBeUndefined();
    expect(typed("x", "", { ...none, escape: true })).toBeUndefined();
    expect(typed("x", "", { ...none, upArrow: true })).toBeUndefined();
    expect(typed("x", "c", { ...none, ctrl: true })).toBeUndefined();
    expect(typed("x", "a\u0007b\u001B", none)).toBe("xab");
    expect(typed("x", "\u0007", none)).toBeUndefined();
  });
});
