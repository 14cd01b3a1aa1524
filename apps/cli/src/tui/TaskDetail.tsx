/** @module One task in full: the fields the API returns that matter when deciding what to do with it. */
import { Box, Text } from "ink";
import { peerOf, type SourcedTask } from "./api.js";
import { fit } from "./board.js";

export function TaskDetail(props: { task: SourcedTask; width: number; rows: number }) {
  const { task, width, rows } = props;
  const peer = peerOf(task);
  const fields: Array<[string, string | null]> = [
    ["source", peer ? `${peer} (read-only)` : null],
    ["id", task.id],
    ["external id", task.externalId],
    ["status", task.status],
    ["priority", task.priority],
    ["assignee", task.assignee],
    ["due", task.dueDate],
    ["estimate", task.estimate],
    ["branch", task.branch],
    ["issue", task.issue],
    ["depends on", task.dependsOn.length ? `${task.dependsOn.length} task(s)` : null],
    ["updated", task.updatedAt],
  ];
  const shownFields = fields.filter(([, v]) => v !== null && v !== "");
  // The description gets whatever rows the fields leave, wrapped by Ink at the terminal width.
  const descriptionRows = Math.max(1, rows - shownFields.length - 2);
  const description = task.description.split("\n").slice(0, descriptionRows);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{fit(task.title, width)}</Text>
      {shownFields.map(([k, v]) => (
        <Text key={k}>
          <Text dimColor>{k.padEnd(12)}</Text>
          {fit(v ?? "", width - 12)}
        </Text>
      ))}
      {description.map((line, i) => (
        // Lines of one description never reorder, so their index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i}>{fit(line, width) || " "}</Text>
      ))}
    </Box>
  );
}
