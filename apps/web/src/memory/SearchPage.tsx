/** @module `/search`: one ranked search over notes, memory and tasks. */
import { useTitle } from "../hooks.js";
import { SourceSelect, useSourceChoice } from "../sources/SourceControls.js";
import { SearchPanel } from "./SearchPanel.js";

export function SearchPage() {
  useTitle("Search");
  const choice = useSourceChoice();
  return (
    <section>
      <h1>Search</h1>
      <p className="muted">
        Notes, memory insights and tasks you can read, in one list: best match first, by meaning and words when the
        gateway has embeddings, by words otherwise.
      </p>
      <div className="card">
        <SearchPanel
          source={choice.source}
          toolbarStart={<SourceSelect options={choice.options} value={choice.source} onChange={choice.setSource} />}
        />
      </div>
    </section>
  );
}
