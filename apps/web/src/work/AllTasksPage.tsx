/** @module `/tasks`: every task the caller can read, across projects — and across peer gateways with a source. */
import { useTitle } from "../hooks.js";
import { SourceSelect, useSourceChoice } from "../sources/SourceControls.js";
import { TasksView } from "./TasksView.js";

export function AllTasksPage() {
  useTitle("Tasks");
  const choice = useSourceChoice();
  return (
    <section>
      <h1>Tasks</h1>
      <p className="muted">
        Every task you can read, in every project. A task from another gateway carries its name and opens read-only.
      </p>
      <div className="card">
        <TasksView
          source={choice.source}
          toolbarStart={<SourceSelect options={choice.options} value={choice.source} onChange={choice.setSource} />}
        />
      </div>
    </section>
  );
}
