/** @module The first screen: the projects you can read, ↑/↓ and Enter to open one. */
import type { ProjectView } from "@mosaic/contracts";
import { Box, Text } from "ink";
import { fit } from "./board.js";

export function ProjectPicker(props: {
  projects: ProjectView[] | undefined;
  selected: number;
  width: number;
  rows: number;
}) {
  const { projects, selected, width, rows } = props;
  if (projects === undefined) return <Text dimColor>loading projects…</Text>;
  if (projects.length === 0) {
    return <Text>{"no projects yet — create one with `mosaic project create <name>`, then press r"}</Text>;
  }
  const start = Math.max(0, Math.min(selected - Math.floor(rows / 2), projects.length - rows));
  const shown = projects.slice(start, start + rows);
  return (
    <Box flexDirection="column">
      {shown.map((p, i) => {
        const isSelected = start + i === selected;
        const line = fit(`${isSelected ? "›" : " "} ${p.name}`, width);
        return (
          <Text key={p.id} inverse={isSelected}>
            {line}
          </Text>
        );
      })}
    </Box>
  );
}
