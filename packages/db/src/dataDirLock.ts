/** @module A pid lock file on the local data dir: PGlite is single-process, a second opener corrupts it. */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { MosaicError } from "@mosaic/contracts";

export const LOCK_FILE = "mosaic.lock";

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** The pid holding the data dir, or null when it is free (a lock left by a dead process is free). */
export function dataDirHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(dataDir, LOCK_FILE), "utf8").trim(), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return isAlive(pid) ? pid : null;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = dataDirHolder(dataDir);
      if (holder !== null) {
        throw new MosaicError(
          "conflict",
          `the data dir ${dataDir} is in use by another Mosaic process (pid ${holder}) — stop it first`,
        );
      }
      rmSync(path, { force: true }); // stale lock from a process that is gone
    }
  }
  throw new MosaicError("conflict", `could not lock the data dir ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
