/** @module Property-style tests: random missions survive serialize → parse → serialize unchanged. */
import { describe, expect, it } from "vitest";
import { parseTasksMd, serializeTasksMd, TASK_STATUSES, type TasksMd, type TasksMdTask } from "./tasksMd.js";
import { protectFreeText } from "./tasksMdLines.js";

/** mulberry32: a tiny seeded PRNG, so a failing case is reproducible from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}
type Rng = ReturnType<typeof rng>;

// Tokens chosen to stress the format: pipes, backslashes before pipes and at the end, unicode
// (combining, wide, astral), markdown punctuation, commas, look-alikes of structure.
const WORDS = ["alpha", "Beta", "γάμμα", "日本語", "émigré", "naïve", "plan", "ship", "x"];
const TOKENS = [
  ...WORDS,
  "a|b",
  "C:\\",
  "x\\|y",
  "|",
  "\\",
  "`code | span`",
  "#12",
  "(paren)",
  "—",
  "--",
  "---",
  "a,b",
  "Goal:",
  "## Milestone 1 — fake (F)",
  "🙂",
  "e\u0301",
  "100%",
  "<b>",
];

const text = (r: Rng, maxWords = 6) => {
  const words = [r.pick(WORDS)];
  for (let i = r.int(maxWords); i > 0; i--) words.push(r.pick(TOKENS));
  return words.join(" ");
};
const cell = (r: Rng) => (r.chance(0.3) ? "" : r.chance(0.5) ? r.pick(TOKENS) : text(r));

/** Free markdown that can't be mistaken for structure: lines start with a word, fences hold the rest. */
function freeText(r: Rng): string {
  if (r.chance(0.4)) return "";
  const lines = [text(r)];
  for (let i = r.int(5); i > 0; i--) {
    const kind = r.int(5);
    if (kind === 0) lines.push("", text(r));
    else if (kind === 1) lines.push(`### ${text(r, 3)}`);
    else if (kind === 2)
      lines.push("```", "| not | a table |", "## Milestone 7 — in a fence (Z)", "Goal: fenced", "```");
    else lines.push(`- ${text(r)}`);
  }
  return lines.join("\n");
}

function randomMission(seed: number): TasksMd {
  const r = rng(seed);
  const extraColumns = [
    ...new Set(Array.from({ length: r.int(4) }, () => r.pick(["reviewer", "risk", "Owner", "a|b", "ünï", "x y"]))),
  ];
  const milestoneCount = 1 + r.int(4);
  const ordinals = new Set<number>();
  while (ordinals.size < milestoneCount) ordinals.add(r.int(100));
  const taskIds: string[] = [];
  const milestones = [...ordinals].map((ordinal, m) => {
    const tasks: TasksMdTask[] = Array.from({ length: r.int(8) }, () => {
      const id = `${r.pick(["T", "FED-M", "Ü", "a|b"])}${taskIds.length}`;
      taskIds.push(id);
      return {
        id,
        status: r.pick(TASK_STATUSES),
        description: cell(r),
        issue: r.chance(0.5) ? `#${r.int(999)}` : "",
        agent: cell(r),
        branch: cell(r),
        dependsOn: [],
        estimate: r.chance(0.5) ? `${r.int(9)}h` : "",
        notes: cell(r),
        extra: Object.fromEntries(extraColumns.map((name) => [name, cell(r)])),
      };
    });
    return {
      ordinal,
      title: text(r, 4),
      externalId: `M${m}${r.pick(["", "-ß", ".x"])}`,
      goal: r.chance(0.7) ? text(r) : null,
      description: freeText(r),
      tasks,
    };
  });
  // Dependencies follow a random global order, so they may point forward or across milestones
  // but never form a cycle (the parser rejects cycles).
  const order = [...taskIds];
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  for (const task of milestones.flatMap((m) => m.tasks)) {
    const earlier = order.slice(0, order.indexOf(task.id));
    task.dependsOn = [...new Set(Array.from({ length: r.int(3) }, () => r.pick(earlier)))].filter(
      (id): id is string => id !== undefined,
    );
  }
  return {
    mission: {
      title: r.chance(0.8) ? text(r) : null,
      goal: r.chance(0.5) ? text(r) : null,
      preamble: freeText(r),
    },
    milestones,
    extraColumns,
  };
}

describe("random missions", () => {
  it("serialize → parse gives the same mission, and serializing again gives the same bytes (400 seeds)", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const mission = randomMission(seed);
      const markdown = serializeTasksMd(mission);
      const result = parseTasksMd(markdown);
      if (!result.ok) throw new Error(`seed ${seed}: ${JSON.stringify(result.errors)}\n${markdown}`);
      expect(result.value, `seed ${seed}`).toEqual(mission);
      expect(serializeTasksMd(result.value), `seed ${seed}`).toBe(markdown);
    }
  });

  it("the generator really produces the hard cases it is meant to", () => {
    const all = Array.from({ length: 400 }, (_, i) => serializeTasksMd(randomMission(i + 1))).join("\n");
    expect(all).toContain("\\|");
    expect(all).toContain("C:\\ |");
    expect(all).toContain("| |");
    expect(all).toContain("```");
    expect(all).toMatch(/\| [^|]*a\\\|b\d+, /);
  });

  it("dropping any one table row of a valid file either still parses or names a line", () => {
    const markdown = serializeTasksMd(randomMission(7));
    const lines = markdown.split("\n");
    lines.forEach((line, i) => {
      if (!line.startsWith("| ") || line.startsWith("| id ") || line.startsWith("| --- ")) return;
      const result = parseTasksMd([...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"));
      if (!result.ok) {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(e.message).toMatch(/depends on '.+', which is not a task in this file/);
      }
    });
  });

  it("free text and one-line fields edited outside TASKS.md still export to a file that imports and is stable", () => {
    const HOSTILE = [
      "| looks | like a table |",
      "  | indented pipe",
      "## Notes",
      "# Top heading",
      "## Milestone 5 — smuggled (X)",
      "Goal: smuggled goal",
      "goal:lower",
      "```",
      "~~~~",
      "trailing spaces   ",
      "crlf\r",
      "",
      "plain words",
    ];
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const hostile = () => Array.from({ length: 1 + r.int(6) }, () => r.pick(HOSTILE)).join("\n");
      const mission = randomMission(seed);
      mission.mission.preamble = hostile();
      if (r.chance(0.5)) mission.mission.title = null;
      if (r.chance(0.5)) mission.mission.goal = null;
      for (const m of mission.milestones) {
        m.description = hostile();
        if (m.goal !== null && r.chance(0.3)) m.goal = `two\nlines`;
        const task = m.tasks[0];
        if (task) task.description = "line one\r\nline two\n";
      }
      const markdown = serializeTasksMd(mission);
      const result = parseTasksMd(markdown);
      if (!result.ok) throw new Error(`seed ${seed}: ${JSON.stringify(result.errors)}\n${markdown}`);
      const value = result.value;
      expect(
        value.milestones.map((m) => m.tasks.map((t) => t.id)),
        `seed ${seed}`,
      ).toEqual(mission.milestones.map((m) => m.tasks.map((t) => t.id)));
      const place = mission.mission.title === null && mission.mission.goal === null ? "preamble-first" : "preamble";
      expect(value.mission.preamble, `seed ${seed}`).toBe(protectFreeText(mission.mission.preamble, place));
      value.milestones.forEach((m, i) => {
        expect(m.description, `seed ${seed}`).toBe(
          protectFreeText(mission.milestones[i]?.description ?? "", "milestone"),
        );
        if (m.goal?.startsWith("two")) expect(m.goal).toBe("two lines");
        if (m.tasks[0]) expect(m.tasks[0].description).toBe("line one line two");
      });
      expect(serializeTasksMd(value), `seed ${seed}`).toBe(markdown);
    }
  });
});
