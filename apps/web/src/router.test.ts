import { describe, expect, it } from "vitest";
import { isPlainClick, matchPath, resolveRoute } from "./router.js";

describe("matchPath", () => {
  it("matches literal paths and ignores trailing slashes", () => {
    expect(matchPath("/projects", "/projects")).toEqual({});
    expect(matchPath("/projects", "/projects/")).toEqual({});
    expect(matchPath("/projects", "/teams")).toBeNull();
  });

  it("captures and decodes params", () => {
    expect(matchPath("/projects/:id", "/projects/abc")).toEqual({ id: "abc" });
    expect(matchPath("/teams/:id", "/teams/a%20b")).toEqual({ id: "a b" });
  });

  it("needs the same number of segments", () => {
    expect(matchPath("/projects/:id", "/projects")).toBeNull();
    expect(matchPath("/projects/:id", "/projects/a/b")).toBeNull();
  });

  it("treats a malformed escape as no match rather than throwing", () => {
    expect(matchPath("/projects/:id", "/projects/%E0%A4%A")).toBeNull();
  });
});

describe("resolveRoute", () => {
  const routes = [{ path: "/projects" }, { path: "/projects/:id" }, { path: "/settings/tokens" }];
  it("returns the first matching route with its params, or null", () => {
    expect(resolveRoute(routes, "/projects/42")).toEqual({ route: routes[1], params: { id: "42" } });
    expect(resolveRoute(routes, "/settings/tokens")?.route).toBe(routes[2]);
    expect(resolveRoute(routes, "/nope")).toBeNull();
  });
});

describe("isPlainClick", () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
  it("keeps plain left clicks in the app and lets the browser have the rest", () => {
    expect(isPlainClick(click)).toBe(true);
    expect(isPlainClick({ ...click, ctrlKey: true })).toBe(false);
    expect(isPlainClick({ ...click, metaKey: true })).toBe(false);
    expect(isPlainClick({ ...click, button: 1 })).toBe(false);
    expect(isPlainClick({ ...click, defaultPrevented: true })).toBe(false);
  });
});
