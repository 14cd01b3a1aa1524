/** @module Pages over the brain's notes, memory, search and single tasks; routes.tsx lists them with the rest. */
import { MemoryPage } from "./memory/MemoryPage.js";
import { SearchPage } from "./memory/SearchPage.js";
import { NotePage } from "./notes/NotePage.js";
import { NotesPage } from "./notes/NotesPage.js";
import type { PageRoute } from "./routes.js";
import { AllTasksPage } from "./work/AllTasksPage.js";
import { TaskPage } from "./work/TaskPage.js";

export const brainRoutes: readonly PageRoute[] = [
  { path: "/notes", render: () => <NotesPage /> },
  { path: "/notes/:id", render: (p) => <NotePage key={p.id} id={p.id ?? ""} /> },
  { path: "/tasks", render: () => <AllTasksPage /> },
  { path: "/tasks/:id", render: (p) => <TaskPage key={p.id} id={p.id ?? ""} /> },
  { path: "/memory", render: () => <MemoryPage /> },
  { path: "/search", render: () => <SearchPage /> },
];

/** Main-navigation entries for these pages, after Projects. */
export const brainNav: readonly { to: string; label: string }[] = [
  { to: "/tasks", label: "Tasks" },
  { to: "/notes", label: "Notes" },
  { to: "/memory", label: "Memory" },
  { to: "/search", label: "Search" },
];
