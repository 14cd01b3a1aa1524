/** @module Choose which mission of the project the board shows (or all its tasks), with each milestone's progress. */
import type { MissionDetailView, MissionView } from "@mosaic/contracts";
import { Box, Text, useInput } from "ink";
import { useCallback, useEffect, useState } from "react";
import { progressBar } from "../missionFormat.js";
import { fit } from "./board.js";
import { listWindow, type ViewProps } from "./views.js";

export interface MissionPickerProps extends ViewProps {
  projectId: string;
  /** The mission the board is scoped to now (undefined: all tasks), selected when the picker opens. */
  current: string | undefined;
  onChoose(mission: MissionView | undefined): void;
}

export function MissionPicker(props: MissionPickerProps) {
  const { api, run, projectId, width, rows } = props;
  const [missions, setMissions] = useState<MissionView[] | undefined>(undefined);
  const [pick, setPick] = useState(0);
  const [details, setDetails] = useState<Map<string, MissionDetailView>>(new Map());

  const load = useCallback(async () => {
    const list = await run(() => api.listMissions(projectId));
    if (!list) return;
    setMissions(list);
    setDetails(new Map());
    const at = list.findIndex((m) => m.id === props.current);
    setPick(at >= 0 ? at + 1 : 0);
  }, [api, run, projectId, props.current]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per project
  useEffect(() => {
    void load();
  }, [projectId]);

  // Row 0 is "all tasks"; row i is missions[i - 1].
  const chosen = pick > 0 ? missions?.[pick - 1] : undefined;
  const detail = chosen ? details.get(chosen.id) : undefined;
  useEffect(() => {
    if (!chosen || details.has(chosen.id)) return;
    void run(() => api.showMission(chosen.id)).then((d) => {
      if (d) setDetails((prev) => new Map(prev).set(d.id, d));
    });
  }, [chosen, details, api, run]);

  useInput(
    (input, key) => {
      if (input === "q") return props.quit();
      if (input === "?") return props.help();
      if (key.escape) return props.back();
      if (input === "r") return void load();
      const n = (missions?.length ?? 0) + 1;
      if (key.upArrow) setPick((i) => Math.max(0, i - 1));
      if (key.downArrow) setPick((i) => Math.min(n - 1, i + 1));
      if (key.return && missions) props.onChoose(chosen);
    },
    { isActive: props.active },
  );

  if (missions === undefined) return <Text dimColor>loading missions…</Text>;
  const entries = [
    { id: "", label: "All tasks of the project" },
    ...missions.map((m) => ({ id: m.id, label: m.title })),
  ];
  const listRows = Math.max(1, Math.min(entries.length, Math.floor(rows / 2)));
  const { start, shown } = listWindow(entries, pick, listRows);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((entry, i) => {
        const selected = start + i === pick;
        const mission = missions.find((m) => m.id === entry.id);
        const current = (entry.id || undefined) === props.current ? " (shown)" : "";
        const status = mission ? ` [${mission.status}]` : "";
        return (
          <Text key={entry.id || "all"} inverse={selected}>
            {`${selected ? "›" : " "} ${fit(`${entry.label}${status}${current}`, width - 2)}`}
          </Text>
        );
      })}
      {missions.length === 0 ? (
        <Text dimColor>{fit("no missions — import one with `mosaic mission import TASKS.md`", width)}</Text>
      ) : null}
      <Box height={1} />
      <MissionProgress
        detail={chosen ? detail : undefined}
        loading={chosen !== undefined}
        width={width}
        rows={rows - listRows - 1}
      />
    </Box>
  );
}

/** The selected mission's overall progress, then one bar per milestone (as `mission show` prints them). */
function MissionProgress(props: {
  detail: MissionDetailView | undefined;
  loading: boolean;
  width: number;
  rows: number;
}) {
  const { detail, width, rows } = props;
  if (!detail) return props.loading ? <Text dimColor>loading milestones…</Text> : null;
  // Below the mission's own line; when they don't all fit, the last row says how many are left out.
  const room = Math.max(0, rows - 1);
  const milestones =
    detail.milestones.length <= room ? detail.milestones : detail.milestones.slice(0, Math.max(0, room - 1));
  const hidden = detail.milestones.length - milestones.length;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`${progressBar(detail.progress.done, detail.progress.total)}  ${detail.title}`, width)}</Text>
      {milestones.map((m) => (
        <Text key={m.id}>
          {fit(
            `${progressBar(m.progress.done, m.progress.total)}  ${m.externalId ? `${m.externalId} ` : ""}${m.title}`,
            width,
          )}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>{fit(`… ${hidden} more milestone(s)`, width)}</Text> : null}
    </Box>
  );
}
