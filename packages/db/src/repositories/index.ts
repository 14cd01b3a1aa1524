/** @module The repositories: the only code that writes SQL. One implementation serves PGlite and Postgres. */
import type { Database } from "../store.js";
import { audienceRepository } from "./audience.js";
import { conversationsRepository } from "./conversations.js";
import { embeddingBacklogRepository } from "./embeddingBacklog.js";
import { federationAuditRepository } from "./federationAudit.js";
import { federationCaRepository } from "./federationCa.js";
import { federationGrantsRepository } from "./federationGrants.js";
import { federationPeersRepository } from "./federationPeers.js";
import { insightsRepository } from "./insights.js";
import { milestonesRepository } from "./milestones.js";
import { missionsRepository } from "./missions.js";
import { notesRepository } from "./notes.js";
import { preferencesRepository } from "./preferences.js";
import { projectsRepository } from "./projects.js";
import { searchRepository } from "./search.js";
import { tasksRepository } from "./tasks.js";
import { teamsRepository } from "./teams.js";
import { tokensRepository } from "./tokens.js";
import { usersRepository } from "./users.js";

export * from "./audience.js";
export * from "./conversations.js";
export * from "./dbErrors.js";
export * from "./embeddingBacklog.js";
export * from "./federationAudit.js";
export * from "./federationCa.js";
export * from "./federationGrants.js";
export * from "./federationPeers.js";
export * from "./insights.js";
export * from "./milestones.js";
export * from "./missions.js";
export * from "./notes.js";
export * from "./pagination.js";
export * from "./preferences.js";
export * from "./projects.js";
export * from "./search.js";
export * from "./sortedPagination.js";
export * from "./tasks.js";
export * from "./teams.js";
export * from "./tokens.js";
export * from "./users.js";

/** Every repository bound to one database. */
export function createRepositories(db: Database) {
  return {
    users: usersRepository(db),
    tokens: tokensRepository(db),
    teams: teamsRepository(db),
    projects: projectsRepository(db),
    audience: audienceRepository(db),
    missions: missionsRepository(db),
    milestones: milestonesRepository(db),
    tasks: tasksRepository(db),
    federationCa: federationCaRepository(db),
    federationGrants: federationGrantsRepository(db),
    federationPeers: federationPeersRepository(db),
    federationAudit: federationAuditRepository(db),
    notes: notesRepository(db),
    insights: insightsRepository(db),
    preferences: preferencesRepository(db),
    conversations: conversationsRepository(db),
    search: searchRepository(db),
    embeddingBacklog: embeddingBacklogRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
