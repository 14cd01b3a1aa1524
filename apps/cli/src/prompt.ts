/** @module Asking a person: visible and hidden prompts on a terminal, secrets from stdin, confirmations. */
import { createInterface } from "node:readline/promises";
import { CliError, EXIT } from "./output.js";

/** Reads all of stdin (for --password-stdin / --token -), dropping one trailing newline. */
export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError(
      `${what} is read from stdin, but stdin is a terminal — pipe it in (e.g. from a file)`,
      EXIT.usage,
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = stripOneNewline(Buffer.concat(chunks).toString("utf8"));
  if (text === "") throw new CliError(`${what} on stdin is empty`, EXIT.usage);
  return text;
}

export function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

/** A visible prompt on stderr (stdout stays for output). */
export async function promptLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export interface SecretInput {
  text: string;
  state: "typing" | "done" | "cancelled";
}

/**
 * Applies raw-mode keystrokes to a secret being typed. Pure, so the key handling is unit-tested:
 * Enter ends, Ctrl-C / Ctrl-D on an empty line cancel, Backspace deletes, Ctrl-U clears the line,
 * other control characters (arrows, escape sequences) are ignored rather than typed into the password.
 */
export function applyKeys(input: SecretInput, keys: string): SecretInput {
  let { text } = input;
  for (let i = 0; i < keys.length; i++) {
    const ch = keys[i] as string;
    if (ch === "\r" || ch === "\n") return { text, state: "done" };
    if (ch === "\u0003") return { text: "", state: "cancelled" };
    if (ch === "\u0004") {
      if (text === "") return { text: "", state: "cancelled" };
      continue;
    }
    if (ch === "\u007f" || ch === "\b") text = [...text].slice(0, -1).join("");
    else if (ch === "\u0015") text = "";
    else if (ch === "\u001b") {
      // Skip a CSI sequence such as ESC [ A (arrow up).
      if (keys[i + 1] === "[") {
        i += 2;
        while (i < keys.length && !/[@-~]/.test(keys[i] as string)) i++;
      }
    } else if (ch >= " ") text += ch;
  }
  return { text, state: "typing" };
}

/** A prompt whose answer is not echoed (the password). Needs a terminal on stdin. */
export async function promptSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  try {
    const result = await new Promise<SecretInput>((resolve) => {
      let input: SecretInput = { text: "", state: "typing" };
      const onData = (keys: string) => {
        input = applyKeys(input, keys);
        if (input.state !== "typing") {
          stdin.off("data", onData);
          resolve(input);
        }
      };
      stdin.on("data", onData);
    });
    if (result.state === "cancelled") throw new CliError("cancelled", EXIT.failure);
    return result.text;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

/** Asks y/N on a terminal; without one, refuses and names the flag that skips the question. */
export async function confirmOrRefuse(question: string, refusal: string): Promise<void> {
  if (!process.stdin.isTTY) throw new CliError(`${refusal}: pass --yes (no terminal to ask on)`, EXIT.usage);
  const answer = await promptLine(`${question} [y/N] `);
  if (!/^y(es)?$/i.test(answer)) throw new CliError("cancelled; nothing was changed", EXIT.failure);
}
