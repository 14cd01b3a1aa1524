/** @module One note to read: title, where it lives, tags, then its markdown as wrapped text in a scrollable window. */
import type { NoteView } from "@mosaic/contracts";
import { Box, Text } from "ink";
import { fit } from "./board.js";
import type { ReadableLine } from "./markdown.js";

/** Rows the reader uses above the text (title, meta line) and below it (position line). */
export const READER_CHROME_ROWS = 3;

export function NoteReader(props: {
  note: NoteView;
  where: string;
  lines: ReadableLine[];
  offset: number;
  width: number;
  rows: number;
}) {
  const { note, lines, offset, width } = props;
  const room = Math.max(1, props.rows - READER_CHROME_ROWS);
  const shown = lines.slice(offset, offset + room);
  const tags = note.tags.length ? `  #${note.tags.join(" #")}` : "";
  const position =
    lines.length === 0
      ? "empty — e writes it in $EDITOR"
      : `lines ${offset + 1}–${offset + shown.length} of ${lines.length}${offset + room < lines.length ? "  ↓ more" : ""}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{fit(note.title, width)}</Text>
      <Text dimColor>
        {fit(`${props.where} · updated ${note.updatedAt.slice(0, 16).replace("T", " ")}${tags}`, width)}
      </Text>
      <Box flexDirection="column" height={room}>
        {shown.map((line, i) =>
          // A window of lines of one text: the position in the window is the identity. A blank line
          // is an empty box of one row: Ink gives a whitespace-only Text no height.
          line.text === "" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Box key={i} height={1} />
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Text key={i} {...lineStyle(line.style)}>
              {line.text.slice(0, width)}
            </Text>
          ),
        )}
      </Box>
      <Text dimColor>{fit(position, width)}</Text>
    </Box>
  );
}

function lineStyle(style: ReadableLine["style"]): { bold?: boolean; color?: string; dimColor?: boolean } {
  if (style === "heading") return { bold: true, color: "cyan" };
  if (style === "quote" || style === "rule") return { dimColor: true };
  if (style === "code") return { color: "yellow" };
  return {};
}
