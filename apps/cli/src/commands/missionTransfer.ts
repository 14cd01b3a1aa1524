/** @module `mosaic mission import|export`: TASKS.md files in and out of a project, byte-for-byte as the gateway writes them. */
import { readFile } from "node:fs/promises";
import { MissionDetailView, MissionStatus } from "@mosaic/contracts";
import { type Command, Option } from "commander";
import { ApiError } from "../client.js";
import { sessionOf } from "../context.js";
import { lineProblems } from "../missionFormat.js";
import { CliError, EXIT, printJson, progress, progressDone } from "../output.js";
import { idArg, inField, withExamples } from "./common.js";

const MissionDetailResponse = inField("mission", MissionDetailView);

export function registerMissionTransferCommands(mission: Command): void {
  withExamples(
    mission
      .command("import")
      .description(
        "create a mission from a TASKS.md file (docs/TASKS_MD.md); all or nothing — a malformed file lists each bad line and imports nothing",
      )
      .argument("<file>", "the TASKS.md file, or - to read it from stdin")
      .requiredOption("--project <id>", "the project to import into")
      .addOption(
        new Option("--status <status>", "the mission's status (default active)").choices(MissionStatus.options),
      )
      .option("--json", "print the imported mission with its milestones and tasks as JSON"),
    [
      "mosaic mission import TASKS.md --project <id>",
      "cat TASKS.md | mosaic mission import - --project <id> --status planning --json",
    ],
  ).action(async (file: string, opts: { project: string; status?: string; json?: boolean }, command: Command) => {
    const projectId = idArg(opts.project, "--project");
    const { client } = sessionOf(command);
    const markdown = await readSource(file);
    progress(`importing ${file === "-" ? "stdin" : file} (${Math.ceil(Buffer.byteLength(markdown) / 1024)} KiB)…`);
    const body = { markdown, ...(opts.status !== undefined ? { status: opts.status } : {}) };
    const path = `/api/projects/${projectId}/missions/import`;
    const answer = await client
      .json("POST", path, MissionDetailResponse, { body })
      .catch((err: unknown) => {
        throw importError(err, file);
      })
      .finally(progressDone);
    const m = answer.mission;
    if (opts.json) return printJson({ mission: m });
    // The id alone on stdout, so `id=$(mosaic mission import …)` works; the summary goes to stderr.
    process.stdout.write(`${m.id}\n`);
    process.stderr.write(`imported "${m.title}": ${m.milestones.length} milestones, ${m.tasks.length} tasks\n`);
  });

  withExamples(
    mission
      .command("export")
      .description("print a mission as canonical TASKS.md markdown, exactly as the gateway writes it")
      .argument("<id>", "mission id")
      .option("--json", "print { id, markdown } as JSON"),
    ["mosaic mission export <id> > TASKS.md", "mosaic mission export <id> --json"],
  ).action(async (id: string, opts: { json?: boolean }, command: Command) => {
    const missionId = idArg(id, "mission id");
    const { client } = sessionOf(command);
    const res = await client.send("GET", `/api/missions/${missionId}/export`, {
      headers: { accept: "text/markdown" },
    });
    const markdown = await res.text();
    if (opts.json) return printJson({ id: missionId, markdown });
    // Written untouched: the export's bytes are the canonical file, round-trippable through import.
    process.stdout.write(markdown);
  });
}

async function readSource(file: string): Promise<string> {
  if (file === "-") {
    if (process.stdin.isTTY)
      throw new CliError("`-` reads the TASKS.md from stdin, but stdin is a terminal — pipe it in", EXIT.usage);
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new CliError(`cannot read ${file} (${code}) — pass a TASKS.md file, or - for stdin`, EXIT.usage);
  }
}

/** A malformed file: the gateway's summary, then one `line N: message` per problem, as a compiler would. */
function importError(err: unknown, file: string): unknown {
  if (!(err instanceof ApiError) || err.status !== 400) return err;
  const lines = lineProblems(err.details);
  if (!lines) return err;
  const name = file === "-" ? "stdin" : file;
  return new CliError(`${err.serverMessage}\n${lines.map((l) => `  ${name}: ${l}`).join("\n")}`, EXIT.usage);
}
