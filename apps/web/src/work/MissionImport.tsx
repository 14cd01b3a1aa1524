/** @module Import a TASKS.md file as a new mission: file picker or drag and drop, with the server's line-numbered report on failure. */
import { MISSION_LIMITS } from "@mosaic/contracts";
import { type DragEvent, useId, useState } from "react";
import { ApiError } from "../api/errors.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction } from "../hooks.js";
import { navigate } from "../router.js";

/** `line.12` → "Line 12"; other paths (e.g. the whole body) are shown as the server named them. */
export function whereOf(path: string): string {
  const line = /^line\.(\d+)$/u.exec(path);
  return line ? `Line ${line[1]}` : path.replace(/^body\.?/u, "") || "File";
}

export function MissionImport({ projectId }: { projectId: string }) {
  const api = useApi();
  const action = useAction();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);

  const importFile = async (file: File) => {
    setFileName(file.name);
    action.clear();
    const markdown = await file.text();
    // Checked here too so an empty or huge file gets a clear sentence without a round trip.
    if (!markdown.trim()) return setLocal(`${file.name} is empty — choose a TASKS.md file with a task table.`);
    if (markdown.length > MISSION_LIMITS.markdown) {
      return setLocal(
        `${file.name} is over ${MISSION_LIMITS.markdown.toLocaleString()} characters — split the mission.`,
      );
    }
    setLocal(null);
    const mission = await action.run(() => api.missions.importMarkdown(projectId, markdown));
    if (mission) navigate(`/missions/${mission.id}`);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void importFile(file);
  };
  const report = action.error instanceof ApiError && action.error.details.length > 0 ? action.error : null;

  return (
    <div className="stack">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard path */}
      <div
        className={over ? "dropzone over" : "dropzone"}
        onDragOver={(e) => {
          // Only files can be dropped here; a dragged task card is not an import.
          if (!e.dataTransfer.types.includes("Files")) return;
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId}>Import a TASKS.md file</label>
        <input
          id={inputId}
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          disabled={action.pending}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ""; // choosing the same file again (after fixing it) fires again
            if (file) void importFile(file);
          }}
        />
        <small className="hint">…or drop it here. It becomes a new mission with its milestones and tasks.</small>
        {action.pending && (
          <p role="status" className="muted">
            Importing {fileName}…
          </p>
        )}
      </div>
      {local && (
        <p className="field-error" role="alert">
          {local}
        </p>
      )}
      {report ? (
        <div className="notice error import-report" role="alert">
          <p>
            {fileName ? `${fileName}: ` : ""}
            {report.message}
          </p>
          <ul>
            {report.details.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line can hold several problems; the list never reorders
              <li key={i}>
                <strong>{whereOf(d.path)}</strong>: {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorNotice error={action.error} />
      )}
    </div>
  );
}
