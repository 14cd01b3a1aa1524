/** @module The brain's tables: missions, milestones, tasks, notes, memory, conversations, agents. */
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.js";
import { projects, users } from "./schema.js";

/** Postgres full-text document; generated from the row, never written by the application. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const missionStatus = pgEnum("mission_status", ["planning", "active", "completed", "archived"]);
export const taskStatus = pgEnum("task_status", [
  "not-started",
  "in-progress",
  "done",
  "blocked",
  "failed",
  "needs-qa",
]);
export const taskPriority = pgEnum("task_priority", ["low", "normal", "high", "urgent"]);
export const messageRole = pgEnum("message_role", ["system", "user", "assistant", "tool"]);

/** A plan inside a project (mirrors a TASKS.md file). */
export const missions = pgTable(
  "missions",
  {
    id: id(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    goal: text("goal").notNull().default(""),
    status: missionStatus("status").notNull().default("active"),
    /** Free markdown above the first milestone of an imported TASKS.md, kept for export. */
    preamble: text("preamble").notNull().default(""),
    /** Names of TASKS.md columns beyond the standard nine, in file order (values live on tasks). */
    extraColumns: text("extra_columns").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("missions_project_id_idx").on(t.projectId)],
);

export const milestones = pgTable(
  "milestones",
  {
    id: id(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    externalId: text("external_id"),
    title: text("title").notNull(),
    goal: text("goal").notNull().default(""),
    /** Free markdown of the milestone's TASKS.md section (besides the goal and the table). */
    description: text("description").notNull().default(""),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("milestones_mission_ordinal_unique").on(t.missionId, t.ordinal),
    // TASKS.md headings name milestones by this id; two alike would make an export unimportable.
    uniqueIndex("milestones_mission_external_id_unique").on(t.missionId, t.externalId),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: id(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    milestoneId: uuid("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    /** The id people and agents use (`FED-M3-04`); unique within a mission. */
    externalId: text("external_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: taskStatus("status").notNull().default("not-started"),
    priority: taskPriority("priority").notNull().default("normal"),
    assignee: text("assignee"),
    /** Ids of tasks (same project) that must be done before this one can start. */
    dependsOn: uuid("depends_on").array().notNull().default(sql`'{}'::uuid[]`),
    estimate: text("estimate"),
    branch: text("branch"),
    issue: text("issue"),
    notes: text("notes"),
    dueDate: date("due_date"),
    /** Order within its milestone (import order). */
    position: integer("position").notNull().default(0),
    /** Values of the mission's extra TASKS.md columns, by column name. */
    extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector('english', coalesce(external_id, '') || ' ' || title || ' ' || description || ' ' || coalesce(notes, ''))`,
    ),
    ...timestamps(),
  },
  (t) => [
    index("tasks_project_id_idx").on(t.projectId, t.status),
    index("tasks_mission_id_idx").on(t.missionId, t.position),
    uniqueIndex("tasks_mission_external_id_unique").on(t.missionId, t.externalId),
    index("tasks_search_idx").using("gin", t.search),
  ],
);

/** Markdown notes, in a project or personal (projectId null). */
export const notes = pgTable(
  "notes",
  {
    id: id(),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Stored as real[] on every tier; cast to vector for the HNSW index where pgvector exists. */
    embedding: real("embedding").array(),
    embeddingModel: text("embedding_model"),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || body)`),
    ...timestamps(),
  },
  (t) => [
    index("notes_project_id_idx").on(t.projectId),
    index("notes_owner_user_id_idx").on(t.ownerUserId),
    index("notes_search_idx").using("gin", t.search),
  ],
);

/** Memory: key/value preferences per user. Immutable ones can't be changed by agents. */
export const preferences = pgTable(
  "preferences",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    mutable: boolean("mutable").notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex("preferences_user_key_unique").on(t.userId, t.key)],
);

/** Memory: insights (what was learned), with provenance and an embedding for semantic search. */
export const insights = pgTable(
  "insights",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    category: text("category").notNull().default("general"),
    source: text("source").notNull().default("user"),
    provenance: jsonb("provenance").$type<Record<string, unknown>>().notNull().default({}),
    embedding: real("embedding").array(),
    embeddingModel: text("embedding_model"),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', text || ' ' || category)`),
    ...timestamps(),
  },
  (t) => [
    index("insights_user_id_idx").on(t.userId),
    index("insights_project_id_idx").on(t.projectId),
    index("insights_search_idx").using("gin", t.search),
  ],
);

/** An agent definition (the agent issue runs them). */
export const agents = pgTable(
  "agents",
  {
    id: id(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    systemPrompt: text("system_prompt").notNull().default(""),
    provider: text("provider"),
    model: text("model"),
    allowedTools: text("allowed_tools").array().notNull().default(sql`'{}'::text[]`),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [index("agents_owner_user_id_idx").on(t.ownerUserId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    agentId: uuid("agent_id").references(() => agents.id, { onDelete: "set null" }),
    title: text("title").notNull().default(""),
    ...timestamps(),
  },
  (t) => [index("conversations_user_id_idx").on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  "messages",
  {
    id: id(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: messageRole("role").notNull(),
    content: text("content").notNull(),
    toolCalls: jsonb("tool_calls").$type<unknown[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_conversation_id_idx").on(t.conversationId, t.createdAt)],
);

/** Dimensions of the built-in local embedder; the HNSW indexes are built for this size. */
export const LOCAL_EMBEDDING_DIMENSIONS = 384;
