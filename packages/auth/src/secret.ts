/** @module The gateway's master secret: from config, or a random key file in MOSAIC_HOME; derived keys. */
import { hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { MosaicConfig } from "@mosaic/config";

/**
 * The master secret: `config.auth.secret` (MOSAIC_SECRET) when set, otherwise the contents of
 * `config.auth.secretFile`, created with 32 random bytes and mode 0600 on first use. Creation uses
 * O_EXCL, so two processes starting at once end up with the same file.
 */
export function resolveMasterSecret(config: MosaicConfig): string {
  if (config.auth.secret) return config.auth.secret;
  const file = config.auth.secretFile;
  try {
    return readSecretFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readSecretFile(file);
}

function readSecretFile(file: string): string {
  const value = readFileSync(file, "utf8").trim();
  if (value.length < 32) throw new Error(`${file} holds fewer than 32 characters: delete it to have a new one made`);
  return value;
}

/** A key for one purpose (HKDF-SHA256), so one master secret never signs two kinds of things. */
export function deriveKey(master: string, purpose: string): string {
  return Buffer.from(hkdfSync("sha256", master, "mosaic", purpose, 32)).toString("base64url");
}
