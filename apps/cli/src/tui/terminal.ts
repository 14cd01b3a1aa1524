/** @module The TUI's hold on the terminal: the alternate screen, handing the terminal to $EDITOR and back, and its size. */
import { useStdin, useStdout } from "ink";
import { useEffect, useState } from "react";

const ALT_SCREEN_ON = "\u001B[?1049h";
const ALT_SCREEN_OFF = "\u001B[?1049l";
const CURSOR_SHOW = "\u001B[?25h";
const CURSOR_HIDE = "\u001B[?25l";
const CLEAR_HOME = "\u001B[2J\u001B[H";

/** Switches to the alternate screen (the shell's screen comes back untouched on exit); returns the undo. */
export function enterFullScreen(stdout: NodeJS.WriteStream): () => void {
  if (!stdout.isTTY) return () => {};
  stdout.write(ALT_SCREEN_ON + CLEAR_HOME);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    stdout.write(CURSOR_SHOW + ALT_SCREEN_OFF);
  };
  // A crash or signal must not leave the shell stuck on the alternate screen.
  process.once("exit", leave);
  return leave;
}

interface Streams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Ink's own stdout writer: it writes, then redraws the last frame in full. */
  write(data: string): void;
}

/**
 * Runs `work` (the editor) with the terminal handed over: raw mode off, cursor shown, back on the
 * normal screen; then takes it back and clears it so Ink's next frame is drawn on a clean screen.
 * `work` must be synchronous (spawnSync): while it runs, Ink's stdin reader cannot steal the
 * editor's keystrokes, because the event loop is not running.
 */
export function handTerminalOver<T>({ stdin, stdout, write }: Streams, work: () => T): T {
  const tty = stdin.isTTY === true && typeof stdin.setRawMode === "function";
  if (tty) stdin.setRawMode(false);
  if (stdout.isTTY) stdout.write(CLEAR_HOME + CURSOR_SHOW + ALT_SCREEN_OFF);
  try {
    return work();
  } finally {
    if (stdout.isTTY) {
      // Back on the alternate screen first, so whatever Ink erases is its own screen, never the
      // shell's; then an empty write through Ink, which redraws its last frame in full.
      stdout.write(ALT_SCREEN_ON + CLEAR_HOME + CURSOR_HIDE);
      write("");
    }
    if (tty) stdin.setRawMode(true);
  }
}

/** The streams Ink renders to, for handTerminalOver. */
export function useTerminalStreams(): Streams {
  const { stdin } = useStdin();
  const { stdout, write } = useStdout();
  return { stdin, stdout, write };
}

/**
 * The terminal's size, following SIGWINCH: Node turns it into `resize` on the output stream. It
 * starts from `initial` (the size when the TUI opened, or a test's) and then reads the stream.
 */
export function useTerminalSize(initial: { width: number; height: number }): { width: number; height: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const onResize = () =>
      setSize((prev) => {
        const width = stdout.columns || prev.width;
        const height = stdout.rows || prev.height;
        return width === prev.width && height === prev.height ? prev : { width, height };
      });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}
