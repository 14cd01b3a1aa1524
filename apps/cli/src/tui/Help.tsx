/** @module The `?` screen: every key the TUI understands, in one place (docs/CLI.md repeats it). */
import { Box, Text } from "ink";

export const KEYS: Array<[string, string]> = [
  ["↑/↓", "select a project or task"],
  ["Enter", "open the project / the task's detail"],
  ["←/→", "focus the previous / next status column"],
  ["[ / ]", "move the selected task one column left / right"],
  ["m then 1–6", "move it to not-started, in-progress, blocked, needs-qa, done, failed"],
  ["l / k", "list view / kanban view"],
  ["r", "reload (and retry now when the gateway is unreachable)"],
  ["p / Esc", "back to the projects (Esc also closes the detail)"],
  ["f", "federation: grants, peers, latest audit rows (admins; read-only)"],
  ["?", "this help (any key closes it)"],
  ["q", "quit"],
];

export function Help() {
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([key, what]) => (
        <Text key={key}>
          <Text color="cyan">{key.padEnd(12)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
