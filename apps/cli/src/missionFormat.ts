/** @module Pure text for `mission show` and import errors: progress bars, blocked tasks, TASKS.md line problems. */
import type { ErrorDetail, MissionDetailView, TaskView } from "@mosaic/contracts";

const BAR_WIDTH = 10;

/** `██████░░░░ 6/10`: a fixed-width bar so milestones line up; an empty milestone is all light. */
export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total === 0 ? 0 : Math.round((Math.min(done, total) / total) * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)} ${done}/${total}`;
}

type TaskSummary = Pick<TaskView, "externalId" | "title" | "status">;

/** The name a person knows a task by: its TASKS.md id when it has one, else its title. */
export function taskLabel(task: Pick<TaskView, "externalId" | "title">): string {
  return task.externalId ?? task.title;
}

export interface BlockedTask {
  task: TaskView;
  /** Each unfinished dependency, as `FED-M1-04 (in-progress)`. */
  blockers: string[];
}

/**
 * Tasks that are not done and wait for a dependency that is not done — the rule the gateway
 * applies before a task may become in-progress. `outside` holds dependencies that are not in the
 * mission (a task may depend on any task of its project); one found in neither is shown as
 * unknown and counts as unfinished, since nothing says it is done.
 */
export function blockedTasks(tasks: TaskView[], outside: Map<string, TaskSummary> = new Map()): BlockedTask[] {
  const byId = new Map<string, TaskSummary>(tasks.map((t) => [t.id, t]));
  const result: BlockedTask[] = [];
  for (const task of tasks) {
    if (task.status === "done") continue;
    const blockers = task.dependsOn.flatMap((id) => {
      const dep = byId.get(id) ?? outside.get(id);
      if (!dep) return [`${id} (unknown)`];
      return dep.status === "done" ? [] : [`${taskLabel(dep)} (${dep.status})`];
    });
    if (blockers.length > 0) result.push({ task, blockers });
  }
  return result;
}

/** Dependencies named by the mission's tasks that are not themselves in the mission. */
export function outsideDependencies(tasks: TaskView[]): string[] {
  const inside = new Set(tasks.map((t) => t.id));
  return [...new Set(tasks.flatMap((t) => t.dependsOn).filter((id) => !inside.has(id)))];
}

/** The text of `mission show`: header, milestones with progress bars, then the blocked tasks. */
export function missionText(mission: MissionDetailView, blocked: BlockedTask[]): string {
  const lines = [
    `${mission.title}  [${mission.status}]`,
    `id        ${mission.id}`,
    `project   ${mission.projectId}`,
    ...(mission.goal ? [`goal      ${mission.goal}`] : []),
    `progress  ${progressBar(mission.progress.done, mission.progress.total)}`,
    "",
  ];
  const labels = mission.milestones.map((m) => `${m.externalId ?? `#${m.ordinal}`} ${m.title}`);
  const width = Math.max(0, ...labels.map((l) => l.length));
  if (mission.milestones.length === 0) lines.push("no milestones");
  mission.milestones.forEach((m, i) => {
    lines.push(`${(labels[i] ?? "").padEnd(width)}  ${progressBar(m.progress.done, m.progress.total)}`);
  });
  lines.push("");
  if (blocked.length === 0) lines.push("blocked: none");
  else lines.push(`blocked (${blocked.length}):`);
  for (const b of blocked) {
    lines.push(`  ${taskLabel(b.task)} [${b.task.status}] waits for ${b.blockers.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A malformed TASKS.md comes back as a 400 whose details have paths `line.N`; a person wants
 * `line N: message`, in file order. Undefined when the details are not line problems (a body
 * that is too big, say), so the caller keeps the gateway's own message.
 */
export function lineProblems(details: ErrorDetail[]): string[] | undefined {
  const lines = details.flatMap((d) => {
    const match = /^line\.(\d+)$/.exec(d.path);
    return match ? [{ line: Number(match[1]), text: `line ${match[1]}: ${d.message}` }] : [];
  });
  if (lines.length === 0) return undefined;
  return lines.sort((a, b) => a.line - b.line).map((l) => l.text);
}
