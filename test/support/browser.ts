/** @module E2E helper: Debian's Chromium driven by playwright-core, or a one-line skip when it is missing. */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's package path; CHROMIUM_PATH points elsewhere. Never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps dialing Google hosts this machine can't reach.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Whether browser suites can run. Outside CI a missing Chromium prints one line and the suite skips;
 * in CI (CI=true) it throws, because `.ci/run` installs Chromium and nothing may skip there.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const line = `browser suites: no Chromium at ${CHROMIUM} — apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") throw new Error(`CI must run every suite, but ${line}`);
  process.stderr.write(`\n[skip] ${line}\n\n`);
  return false;
}

/** Headless Chromium; playwright gives each launch a fresh, empty profile directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/web");

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Saves `<name>-1280.png` and `<name>-390.png` (full page), restores the desktop viewport, and
 * returns how far the page overflowed sideways at phone width (0 = nothing cut off or scrolling).
 */
export async function screenshots(page: Page, name: string): Promise<number> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`) });
  await page.setViewportSize(PHONE);
  // A string, not a function: this file is typechecked for Node, without the DOM's types.
  const overflow = Number(await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
  await page.screenshot({ path: join(ARTIFACTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  return overflow;
}
