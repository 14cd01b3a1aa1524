/** @module The bottom lines: the last message (a 409's reason, "moved") or the screen's keys, then gateway, user and live-feed state. */
import { Box, Text } from "ink";
import { fit } from "./board.js";
import type { LiveState } from "./live.js";

export interface StatusMessage {
  text: string;
  tone: "info" | "error";
}

const LIVE_TEXT: Record<LiveState, { label: string; colour: string }> = {
  connecting: { label: "○ connecting", colour: "yellow" },
  live: { label: "● live", colour: "green" },
  reconnecting: { label: "○ reconnecting", colour: "yellow" },
};

export function StatusBar(props: {
  message: StatusMessage | undefined;
  /** The screen's keys, shown dimmed while there is no message. */
  hint?: string;
  url: string;
  user: string;
  live: LiveState;
  width: number;
}) {
  const live = LIVE_TEXT[props.live];
  const right = `${live.label}  ? keys`;
  const left = fit(`${props.url} · ${props.user}`, props.width - right.length - 1);
  return (
    <Box flexDirection="column" width={props.width}>
      {props.message ? (
        <Text color={props.message.tone === "error" ? "red" : undefined}>
          {fit(props.message.text, props.width) || " "}
        </Text>
      ) : (
        <Text dimColor>{fit(props.hint ?? "", props.width) || " "}</Text>
      )}
      <Box justifyContent="space-between" width={props.width}>
        <Text dimColor>{left}</Text>
        <Text>
          <Text color={live.colour}>{live.label}</Text>
          <Text dimColor>{"  ? keys"}</Text>
        </Text>
      </Box>
    </Box>
  );
}

const RETRY_HINT = " — r retries";

/** Shown while the gateway cannot be reached: what happened and how to retry, never a blank screen. */
export function OfflineBanner(props: { text: string; width: number }) {
  return (
    <Text backgroundColor="red" color="white">
      {/* The retry hint is never cut off: the reason gives way first. */}
      {`${fit(props.text, props.width - RETRY_HINT.length)}${RETRY_HINT}`.padEnd(props.width)}
    </Text>
  );
}
