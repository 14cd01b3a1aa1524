/** @module `/memory`: search memory, the caller's preferences and insights. */
import { useEffect } from "react";
import { useApi } from "../context.js";
import { useLoad, useTitle } from "../hooks.js";
import { SourceSelect, useSourceChoice } from "../sources/SourceControls.js";
import { Insights } from "./Insights.js";
import { Preferences } from "./Preferences.js";
import { SearchPanel } from "./SearchPanel.js";

export function MemoryPage() {
  useTitle("Memory");
  const api = useApi();
  const projects = useLoad("memory-projects", () => api.projects.list({ limit: 100 }));
  const choice = useSourceChoice();
  // A search hit links to `/memory#insight-<id>`: bring that insight into view once the list is there.
  useEffect(() => {
    const target = window.location.hash.slice(1);
    if (!target) return;
    const timer = setInterval(() => {
      const el = document.getElementById(target);
      if (!el) return;
      clearInterval(timer);
      el.scrollIntoView({ block: "center" });
      el.classList.add("highlight");
    }, 100);
    const stop = setTimeout(() => clearInterval(timer), 5_000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, []);
  return (
    <section>
      <h1>Memory</h1>
      <p className="muted">
        What your agents know about you: preferences (settings they follow) and insights (things worth remembering),
        searchable by meaning.
      </p>
      {choice.options.length > 0 && (
        <div className="toolbar">
          <SourceSelect options={choice.options} value={choice.source} onChange={choice.setSource} />
          <span className="muted">Search and insights read from here; preferences are this gateway's.</span>
        </div>
      )}
      <section className="card" aria-labelledby="memory-search">
        <h2 id="memory-search">Search memory</h2>
        <SearchPanel memoryOnly source={choice.source} />
      </section>
      <section className="card" aria-labelledby="memory-insights">
        <h2 id="memory-insights">Insights</h2>
        <Insights projects={projects.data?.items ?? []} source={choice.source} />
      </section>
      <section className="card" aria-labelledby="memory-preferences">
        <h2 id="memory-preferences">Preferences</h2>
        <Preferences />
      </section>
    </section>
  );
}
