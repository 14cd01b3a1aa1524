/** @module A project's tasks: the kanban (a window of status columns that fits the terminal) and the flat list. */
import type { TaskStatus } from "@mosaic/contracts";
import { Box, Text } from "ink";
import { peerOf, type SourcedTask } from "./api.js";
import { COLUMNS, fit } from "./board.js";

type TaskView = SourcedTask;

/** A card's line: a peer's task starts with `[peer]` (read-only), this gateway's with nothing. */
function cardText(task: TaskView): string {
  const peer = peerOf(task);
  const text = task.externalId ? `${task.externalId} ${task.title}` : task.title;
  return peer ? `[${peer}] ${text}` : text;
}

/** The rows of a column to draw: a window of `rows` that keeps `selected` visible. */
function scrollWindow<T>(items: T[], selected: number, rows: number): { start: number; shown: T[] } {
  const start = Math.max(0, Math.min(selected - rows + 1, items.length - rows));
  return { start: Math.max(0, start), shown: items.slice(Math.max(0, start), Math.max(0, start) + rows) };
}

export function Kanban(props: {
  groups: Record<TaskStatus, TaskView[]>;
  focus: number;
  row: number;
  start: number;
  count: number;
  width: number;
  rows: number;
}) {
  const { groups, focus, row, start, count, width, rows } = props;
  const columnWidth = Math.floor(width / count);
  const visible = COLUMNS.slice(start, start + count);
  return (
    <Box flexDirection="column">
      <Text dimColor>
        {fit(
          `${start > 0 ? "← " : "  "}columns ${start + 1}–${start + visible.length} of ${COLUMNS.length}${start + count < COLUMNS.length ? " →" : ""}`,
          width,
        )}
      </Text>
      <Box>
        {visible.map((status, i) => {
          const index = start + i;
          const tasks = groups[status];
          const focused = index === focus;
          const { start: first, shown } = scrollWindow(tasks, focused ? row : 0, rows);
          const inner = columnWidth - 1;
          return (
            <Box key={status} flexDirection="column" width={columnWidth}>
              <Text bold color={focused ? "cyan" : undefined} underline={focused}>
                {fit(`${status.toUpperCase()} (${tasks.length})`, inner)}
              </Text>
              {tasks.length === 0 ? <Text dimColor>{fit("—", inner)}</Text> : null}
              {shown.map((task, j) => {
                const selected = focused && first + j === row;
                return (
                  <Text key={task.id} inverse={selected}>
                    {fit(`${selected ? "›" : " "}${cardText(task)}`, inner)}
                  </Text>
                );
              })}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

/** Every task in board order, one line each: status, priority, title. */
export function TaskList(props: { tasks: TaskView[]; row: number; width: number; rows: number }) {
  const { tasks, row, width, rows } = props;
  if (tasks.length === 0) return <Text dimColor>no tasks here yet</Text>;
  const { start, shown } = scrollWindow(tasks, row, rows);
  // A SOURCE column only when some task is a peer's: a local board reads as it always did.
  const sourced = tasks.some((t) => peerOf(t));
  const sourceCell = (t: TaskView) => (sourced ? `${fit(peerOf(t) ?? "local", 10).padEnd(10)} ` : "");
  return (
    <Box flexDirection="column">
      <Text bold>
        {fit(`${sourced ? `${"SOURCE".padEnd(10)} ` : ""}${"STATUS".padEnd(12)} ${"PRIORITY".padEnd(8)} TITLE`, width)}
      </Text>
      {shown.map((task, i) => {
        const selected = start + i === row;
        const title = task.externalId ? `${task.externalId} ${task.title}` : task.title;
        const line = `${sourceCell(task)}${task.status.padEnd(12)} ${task.priority.padEnd(8)} ${title}`;
        return (
          <Text key={task.id} inverse={selected}>
            {fit(line, width)}
          </Text>
        );
      })}
    </Box>
  );
}

/** Tasks in the order the list view shows them: by board column, then position. */
export function listOrder(groups: Record<TaskStatus, TaskView[]>): TaskView[] {
  return COLUMNS.flatMap((status) => groups[status]);
}
