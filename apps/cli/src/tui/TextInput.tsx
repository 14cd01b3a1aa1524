/** @module A one-line text field for the TUI (a note's title, the search box): the key handling and the drawn line. */
import { Text } from "ink";

interface LineKey {
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  meta: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
}

/** The field's value after a key, or undefined when the key is not typing (Enter, Esc, arrows…). */
export function typed(value: string, input: string, key: LineKey, max = 300): string | undefined {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl && input === "u") return "";
  if (key.ctrl || key.meta || key.return || key.escape || key.tab) return undefined;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return undefined;
  // Pasted text arrives as one input; control characters never belong in a title or query.
  const text = [...input].filter((c) => c >= " " && c !== "\u007F").join("");
  if (text === "") return undefined;
  return (value + text).slice(0, max);
}

/** `label value▏`, showing the end of the value when it is wider than the line. */
export function TextLine(props: { label: string; value: string; width: number; placeholder?: string }) {
  const room = Math.max(1, props.width - props.label.length - 2);
  const shown = props.value.length > room ? `…${props.value.slice(-(room - 1))}` : props.value;
  return (
    <Text>
      <Text color="cyan">{props.label}</Text>
      <Text> {shown}</Text>
      <Text inverse> </Text>
      {props.value === "" && props.placeholder ? (
        <Text dimColor>{` ${props.placeholder}`.slice(0, Math.max(0, room - 1))}</Text>
      ) : null}
    </Text>
  );
}
