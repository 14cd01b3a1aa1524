/** @module A small history-based router: path patterns with `:params`, navigate(), and a location hook. */
import { useSyncExternalStore } from "react";

export type Params = Record<string, string>;

/** Matches `/projects/:id` against a path; trailing slashes are ignored, params are URL-decoded. */
export function matchPath(pattern: string, path: string): Params | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? "";
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return null; // malformed %-escape: no page has such a path
      }
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches, with its params; null when none does. */
export function resolveRoute<R extends { path: string }>(routes: readonly R[], path: string) {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

const NAVIGATE_EVENT = "mosaic:navigate";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current pathname; re-renders on navigate() and on back/forward. */
export function usePathname(): string {
  // The server snapshot lets components render outside a browser (component tests render to markup).
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => "/",
  );
}

/** One query parameter of the current URL (null when absent); re-renders when the URL changes. */
export function useSearchParam(name: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get(name),
    () => null,
  );
}

/** The current URL with `name` set to `value` (or removed when null), keeping the path and the hash. */
export function withSearchParam(name: string, value: string | null): string {
  const params = new URLSearchParams(window.location.search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Whether a click on a link should stay in the app (plain left click, no modifier: not "open in new tab"). */
export function isPlainClick(e: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}
