/**
 * @module The sections of a project page, in order. A feature that lives inside projects (missions,
 * tasks, notes…) adds its section here when its API exists; the page renders whatever is listed.
 */
import type { ProjectView, TeamView } from "@mosaic/contracts";
import type { ReactNode } from "react";
import { NotesList } from "../notes/NotesList.js";
import { MissionsSection } from "../work/MissionsSection.js";
import { TasksView } from "../work/TasksView.js";
import { ProjectDetails } from "./ProjectDetails.js";

export interface ProjectSectionProps {
  project: ProjectView;
  teams: readonly TeamView[];
  /** Called by a section that changed the project itself (rename, archive…). */
  onProjectChange: (project: ProjectView) => void;
}

export interface ProjectSection {
  id: string;
  title: string;
  render: (props: ProjectSectionProps) => ReactNode;
}

export const projectSections: readonly ProjectSection[] = [
  { id: "missions", title: "Missions", render: ({ project }) => <MissionsSection project={project} /> },
  { id: "tasks", title: "Tasks", render: ({ project }) => <TasksView projectId={project.id} /> },
  { id: "notes", title: "Notes", render: ({ project }) => <NotesList projectId={project.id} /> },
  { id: "details", title: "Details", render: (props) => <ProjectDetails {...props} /> },
];
