/** @module `/notes`: every note the caller can read — personal and in projects — by tag, and a new-note form. */
import { useApi } from "../context.js";
import { useLoad, useTitle } from "../hooks.js";
import { SourceSelect, useSourceChoice } from "../sources/SourceControls.js";
import { NotesList } from "./NotesList.js";

export function NotesPage() {
  useTitle("Notes");
  const api = useApi();
  // The projects name the scopes; the list works without them (a failure here only hides the filter).
  const projects = useLoad("note-projects", () => api.projects.list({ limit: 100 }));
  const choice = useSourceChoice();
  return (
    <section>
      <h1>Notes</h1>
      <p className="muted">
        Markdown notes with tags. Personal notes are yours alone; a note in a project is read and edited by everyone who
        can open the project.
      </p>
      <div className="card">
        <NotesList
          projects={projects.data?.items ?? []}
          source={choice.source}
          toolbarStart={<SourceSelect options={choice.options} value={choice.source} onChange={choice.setSource} />}
        />
      </div>
    </section>
  );
}
