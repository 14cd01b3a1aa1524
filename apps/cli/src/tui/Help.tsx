/** @module The `?` screen: every key the TUI understands, in one place (docs/CLI.md repeats it), and the status bar's hints. */
import { Box, Text } from "ink";
import { fit } from "./board.js";

export const KEYS: Array<[string, string]> = [
  ["↑/↓", "select a project, task, mission, note or search hit"],
  ["Enter", "open it (a project's board, a task's detail, a note)"],
  ["←/→", "focus the previous / next status column"],
  ["[ / ]", "move the selected task one column left / right"],
  ["m then 1–6", "move it to not-started, in-progress, blocked, needs-qa, done, failed"],
  ["l / k", "list view / kanban view"],
  ["s", "scope the board to a mission (or all tasks), with milestone progress"],
  ["n", "notes: Tab project/personal, c new, e edit in $EDITOR, d delete"],
  ["/", "search notes, memory and tasks as you type (Esc leaves)"],
  ["o", "source: local → all gateways → each peer (board, notes; Tab in search)"],
  ["f", "federation: grants, peers, latest audit rows (admins; read-only)"],
  ["PgUp/PgDn", "scroll a note (also space / b, g / G for top / end)"],
  ["r", "reload (and retry now when the gateway is unreachable)"],
  ["p / Esc", "back to the projects; Esc also leaves a view or the detail"],
  ["?", "this help (any key closes it)"],
  ["q", "quit (in the search box, Esc first)"],
];

/** One line of the keys that matter on each screen, shown when the message line is empty. */
export const HINTS: Record<string, string> = {
  picker: "Enter open · n notes · / search · o source · f federation · ? q",
  board: "[ ] move · m move to · s mission · n notes · / search · o source",
  detail: "[ ] move · m move to · Esc board",
  missions: "Enter show this mission · Esc back",
  notes: "Enter read · e edit · c new · d delete · Tab scope · Esc back",
  search: "type to search · ↑/↓ pick · Enter open · Tab source · Esc back",
  federation: "r reload · Esc back · ? keys",
};

export function Help(props: { width: number }) {
  const room = Math.max(1, props.width - 12);
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([key, what]) => (
        <Text key={key}>
          <Text color="cyan">{key.padEnd(12)}</Text>
          {fit(what, room)}
        </Text>
      ))}
    </Box>
  );
}
