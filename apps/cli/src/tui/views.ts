/** @module What App hands each self-contained view (missions, notes, search): data access, messages, navigation. */
import type { SourceSelector } from "@mosaic/contracts";
import type { TuiApi } from "./api.js";
import type { StatusMessage } from "./StatusBar.js";

export interface ViewProps {
  api: TuiApi;
  /** False while the help screen covers the view: its keys are App's then. */
  active: boolean;
  width: number;
  /** Rows the view may use between the title and the status bar. */
  rows: number;
  /** Runs a request; an unreachable gateway raises the banner, a refusal becomes the message. Undefined on failure. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  /** Sets the message line; the updater form can build on what `run` reported. */
  say(message: StatusMessage | undefined | ((current: StatusMessage | undefined) => StatusMessage | undefined)): void;
  /** Leave this view for the one it was opened from. */
  back(): void;
  quit(): void;
  help(): void;
  /** Where notes and search read from (`local`, `all`, `federated:<peer>`). */
  source: SourceSelector;
  /** local → all → each peer (`o`; Tab in the search box). */
  cycleSource(): void;
}

/** A list window of `rows` lines that keeps `selected` visible. */
export function listWindow<T>(items: readonly T[], selected: number, rows: number): { start: number; shown: T[] } {
  const start = Math.max(0, Math.min(selected - rows + 1, items.length - rows));
  return { start, shown: items.slice(start, start + Math.max(1, rows)) };
}
