/**
 * @module The sections of a project page, in order. A feature that lives inside projects (missions,
 * tasks, notes…) adds its section here when its API exists; the page renders whatever is listed.
 */
import type { ProjectView, TeamView } from "@mosaic/contracts";
import type { ReactNode } from "react";
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
  { id: "details", title: "Details", render: (props) => <ProjectDetails {...props} /> },
];
