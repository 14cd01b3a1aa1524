/**
 * @module The background re-embedder: when the configured model differs from a row's
 * `embedding_model` (a model change, or a write whose embedding failed), it re-embeds notes and
 * insights batch by batch, logging progress. The gateway starts it and stops it on shutdown.
 */
import type { EmbeddedTable, EmbeddingBacklogRepository } from "@mosaic/db";
import type { Embedder } from "./embedder.js";
import { type BrainLog, embeddingText } from "./embedForStorage.js";

export interface ReembedderDeps {
  backlog: EmbeddingBacklogRepository;
  embedder: Embedder;
  log: BrainLog;
  batchSize: number;
  /** Pause between rounds; a round ends when nothing is left or the embedder fails. */
  intervalMs: number;
}

export interface Reembedder {
  /** One round over both tables; resolves with the number of rows re-embedded. */
  runOnce(): Promise<number>;
  /** Runs a round now and then every `intervalMs` until stop(). */
  start(): void;
  /** Stops the loop and waits for the batch in flight (never leaves a half-written batch behind). */
  stop(): Promise<void>;
}

const TABLES: EmbeddedTable[] = ["notes", "insights"];

export function createReembedder(deps: ReembedderDeps): Reembedder {
  const model = deps.embedder.modelId;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function table(name: EmbeddedTable): Promise<number> {
    const total = await deps.backlog.count(name, model);
    if (total === 0) return 0;
    deps.log.info({ table: name, model, rows: total }, `re-embedding ${total} ${name} with ${model}`);
    let done = 0;
    // Bounded: rows edited mid-round are re-selected, so stop after the rows counted at the start.
    for (let batches = Math.ceil(total / deps.batchSize) + 1; batches > 0 && !stopped; batches--) {
      const rows = await deps.backlog.stale(name, model, deps.batchSize);
      if (rows.length === 0) break;
      let vectors: number[][];
      try {
        vectors = await deps.embedder.embed(rows.map((r) => embeddingText(r.parts)));
      } catch (err) {
        deps.log.warn({ err, table: name, model }, "re-embedding paused: the embedder failed; retrying next round");
        break;
      }
      for (const [i, row] of rows.entries()) {
        const vector = vectors[i];
        if (vector && (await deps.backlog.store(name, row, vector, model))) done++;
      }
      deps.log.info({ table: name, model, done, of: total }, `re-embedded ${done}/${total} ${name}`);
      // Let request handlers run between batches: the local embedder is CPU work on this thread.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }

  async function round(): Promise<number> {
    let done = 0;
    for (const name of TABLES) if (!stopped) done += await table(name);
    return done;
  }

  function runOnce(): Promise<number> {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => deps.log.warn({ err }, "re-embedding round failed; retrying next round"))
        .finally(schedule);
    }, deps.intervalMs);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      stopped = false;
      runOnce()
        .catch((err: unknown) => deps.log.warn({ err }, "re-embedding round failed; retrying next round"))
        .finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
