import type { SearchHit } from "@mosaic/contracts";
import { describe, expect, it } from "vitest";
import { parseValue, showValue } from "./Preferences.js";
import { hitLink } from "./SearchPanel.js";

describe("preference values", () => {
  it("reads JSON when it parses and plain text otherwise", () => {
    expect(parseValue("42")).toBe(42);
    expect(parseValue('{"a":[1,true]}')).toEqual({ a: [1, true] });
    expect(parseValue('"en"')).toBe("en");
    expect(parseValue("en")).toBe("en");
    expect(parseValue("")).toBe("");
  });

  it("shows strings bare and anything else as JSON, so an edit round-trips", () => {
    for (const value of ["en", "42", "true", 42, true, null, { a: [1] }])
      expect(parseValue(showValue(value))).toEqual(value);
    expect(showValue("en")).toBe("en");
    expect(showValue("42")).toBe('"42"');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe("hitLink", () => {
  const hit = (kind: SearchHit["kind"]): SearchHit => ({
    kind,
    id: "00000000-0000-4000-8000-000000000001",
    projectId: null,
    title: "t",
    snippet: "",
    score: 0.01,
    ranks: { vector: null, text: 1 },
  });

  it("opens a note or task page, and an insight in its place on the memory page", () => {
    expect(hitLink(hit("note"))).toBe("/notes/00000000-0000-4000-8000-000000000001");
    expect(hitLink(hit("task"))).toBe("/tasks/00000000-0000-4000-8000-000000000001");
    expect(hitLink(hit("insight"))).toBe("/memory#insight-00000000-0000-4000-8000-000000000001");
  });

  it("opens a peer's hit from that peer (read-only there); a local-tagged hit opens as before", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect(hitLink({ ...hit("note"), _source: "nas" })).toBe(`/notes/${id}?source=federated:nas`);
    expect(hitLink({ ...hit("task"), _source: "nas" })).toBe(`/tasks/${id}?source=federated:nas`);
    expect(hitLink({ ...hit("insight"), _source: "nas" })).toBe(`/memory?source=federated:nas#insight-${id}`);
    expect(hitLink({ ...hit("note"), _source: "local" })).toBe(`/notes/${id}`);
  });
});
