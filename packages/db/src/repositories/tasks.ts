/**
 * @module Tasks. Reads and writes take an access predicate over `tasks.project_id` (from
 * @mosaic/auth's `inReachableProject`) ANDed into the SQL; dependency lookups stay inside one project.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { milestones, tasks } from "../schema.js";
import type { Database } from "../store.js";
import type { Page, PageRequest } from "./pagination.js";
import { dialect, parameterless, rawRows, rowsOf, toDate } from "./rawStatements.js";
import {
  afterSortedCursor,
  type SortKeySpec,
  type SortOrder,
  sortedOrderBy,
  sortValueColumn,
  toSortedPage,
} from "./sortedPagination.js";

// The generated `search` tsvector is for WHERE clauses only; it never leaves the repository.
const { search: _search, ...taskColumns } = getTableColumns(tasks);

export type TaskRow = Omit<typeof tasks.$inferSelect, "search">;
export type NewTaskRow = Omit<typeof tasks.$inferInsert, "search">;
export type TaskPatch = Partial<
  Pick<
    TaskRow,
    | "title"
    | "description"
    | "status"
    | "priority"
    | "assignee"
    | "dependsOn"
    | "estimate"
    | "branch"
    | "issue"
    | "notes"
    | "dueDate"
    | "externalId"
    | "missionId"
    | "milestoneId"
    | "position"
  >
>;

export interface TaskFilter {
  /** Absent: every project `access` allows (the cross-project "all my tasks" list). */
  projectId?: string | undefined;
  status?: TaskRow["status"] | undefined;
  assignee?: string | undefined;
  missionId?: string | undefined;
  milestoneId?: string | undefined;
  /** Full-text query (websearch syntax) over the generated `search` column. */
  q?: string | undefined;
}

export type TaskSortKey = "created" | "updated" | "priority" | "due" | "position";
export interface TaskSort {
  key: TaskSortKey;
  order: SortOrder;
}

/** A task as seen by a dependent: enough to name it in a 409. */
export type DependencyRow = Pick<TaskRow, "id" | "externalId" | "title" | "status">;

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/;
const PRIORITIES = new Set(["low", "normal", "high", "urgent"]);

const SORT_KEYS: Record<TaskSortKey, SortKeySpec> = {
  created: { expression: sql`${tasks.createdAt}`, cast: "timestamptz", accepts: (v) => TIMESTAMP.test(v) },
  updated: { expression: sql`${tasks.updatedAt}`, cast: "timestamptz", accepts: (v) => TIMESTAMP.test(v) },
  // Enum order is declaration order: low < normal < high < urgent.
  priority: { expression: sql`${tasks.priority}`, cast: "task_priority", accepts: (v) => PRIORITIES.has(v) },
  // Tasks without a due date sort after every dated one (ascending), keeping the keyset total.
  due: {
    expression: sql`coalesce(${tasks.dueDate}, 'infinity'::date)`,
    cast: "date",
    accepts: (v) => /^(\d{4}-\d\d-\d\d|infinity)$/.test(v),
  },
  position: { expression: sql`${tasks.position}`, cast: "integer", accepts: (v) => /^-?\d{1,10}$/.test(v) },
};

function taskQueries(db: Database) {
  return {
    async create(values: NewTaskRow): Promise<TaskRow> {
      const [row] = await db.insert(tasks).values(values).returning(taskColumns);
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async find(id: string, access: SQL): Promise<TaskRow | null> {
      const [row] = await db
        .select(taskColumns)
        .from(tasks)
        .where(and(eq(tasks.id, id), access));
      return row ?? null;
    },

    async list(
      access: SQL,
      filter: TaskFilter,
      sort: TaskSort,
      page: PageRequest,
    ): Promise<Page<TaskRow & { sortValue: string }>> {
      const spec = SORT_KEYS[sort.key];
      const where = and(
        access,
        filter.projectId ? eq(tasks.projectId, filter.projectId) : undefined,
        filter.status ? eq(tasks.status, filter.status) : undefined,
        filter.assignee !== undefined ? eq(tasks.assignee, filter.assignee) : undefined,
        filter.missionId ? eq(tasks.missionId, filter.missionId) : undefined,
        filter.milestoneId ? eq(tasks.milestoneId, filter.milestoneId) : undefined,
        filter.q ? sql`${tasks.search} @@ websearch_to_tsquery('english', ${filter.q})` : undefined,
        afterSortedCursor(spec, tasks.id, sort.key, sort.order, page.cursor),
      );
      // The hot list path. The select list (16 columns) has no parameters, so it is rendered once
      // per sort key; only the WHERE, ORDER BY and LIMIT are rendered per request (rendering the
      // whole select was ~10 % of the route's CPU). Rows are mapped by hand (drizzle's generic
      // per-column mapping was the largest cost of a 50-row page, and left dictionary-mode objects).
      // Run as a named prepared statement: each connection parses and plans a list shape once.
      // The access predicate stays in the text, its values (the user id) bound parameters.
      const built = dialect.sqlToQuery(
        sql`${listSelect(db, sort.key)} where ${where} order by ${sql.join(sortedOrderBy(spec, tasks.id, sort.order), sql`, `)} limit ${page.limit + 1}`,
      );
      const rows = await rawRows<RawTaskRow>(db, built, statementName(built.sql));
      return toSortedPage(rows.map(taskFromRaw), page.limit, sort.key, sort.order);
    },

    /** Applies `patch` when `access` allows it; null when the row is absent or not allowed. */
    async update(id: string, patch: TaskPatch, access: SQL): Promise<TaskRow | null> {
      const [row] = await db
        .update(tasks)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(tasks.id, id), access))
        .returning(taskColumns);
      return row ?? null;
    },

    /**
     * Deletes when `access` allows it and drops the task from its dependents' `depends_on`, in one
     * transaction (no dangling ids). False when the row is absent or not allowed.
     */
    async delete(id: string, access: SQL): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [gone] = await tx
          .delete(tasks)
          .where(and(eq(tasks.id, id), access))
          .returning({ projectId: tasks.projectId });
        if (!gone) return false;
        await tx
          .update(tasks)
          .set({ dependsOn: sql`array_remove(${tasks.dependsOn}, ${id}::uuid)` })
          .where(and(eq(tasks.projectId, gone.projectId), sql`${id}::uuid = ANY(${tasks.dependsOn})`));
        return true;
      });
    },

    /**
     * The tasks among `ids` that are in `projectId` (others are silently absent: the caller
     * reports them without saying whether they exist elsewhere). `lock` holds them FOR SHARE
     * until the transaction ends, so a status check stays true until the write commits.
     */
    async dependencies(projectId: string, ids: readonly string[], lock = false): Promise<DependencyRow[]> {
      if (ids.length === 0) return [];
      const query = db
        .select({ id: tasks.id, externalId: tasks.externalId, title: tasks.title, status: tasks.status })
        .from(tasks)
        .where(and(eq(tasks.projectId, projectId), inArray(tasks.id, [...ids])));
      return lock ? query.for("share") : query;
    },

    /** True when `target` is among `from` or anything they (transitively) depend on: a cycle. */
    async dependsTransitively(projectId: string, from: readonly string[], target: string): Promise<boolean> {
      if (from.length === 0) return false;
      const seeds = sql.join(
        from.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      );
      const rows = await db.execute<{ found: number }>(sql`
        WITH RECURSIVE reach(id) AS (
          SELECT v.id FROM (VALUES ${seeds}) AS v(id)
          UNION
          SELECT d FROM reach r
            JOIN ${tasks} t ON t.id = r.id AND t.project_id = ${projectId}::uuid,
            unnest(t.depends_on) AS d
        )
        SELECT 1 AS found FROM reach WHERE id = ${target}::uuid LIMIT 1`);
      return rowsOf(rows).length > 0;
    },

    /** The position after the last task of a milestone (0 when it's empty): appends keep file order. */
    async nextPosition(milestoneId: string): Promise<number> {
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${tasks.position}) + 1, 0)::int` })
        .from(tasks)
        .where(eq(tasks.milestoneId, milestoneId));
      return row?.next ?? 0;
    },

    /** Every task of a mission, by milestone ordinal then position (the TASKS.md order). */
    async listForMission(missionId: string): Promise<TaskRow[]> {
      const rows = await db
        .select({ task: taskColumns })
        .from(tasks)
        .leftJoin(milestones, eq(milestones.id, tasks.milestoneId))
        .where(eq(tasks.missionId, missionId))
        .orderBy(asc(milestones.ordinal), asc(tasks.position), asc(tasks.createdAt), asc(tasks.id));
      return rows.map((r) => r.task);
    },
  };
}

type TaskQueries = ReturnType<typeof taskQueries>;

export function tasksRepository(db: Database) {
  return {
    ...taskQueries(db),
    /**
     * Runs `fn` with the queries bound to one transaction. Use only `t` inside: on PGlite (one
     * connection) a query outside the open transaction would wait for it forever.
     */
    transaction<T>(fn: (t: TaskQueries) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(taskQueries(tx as unknown as Database)));
    },
  };
}

/** `execute` returns rows directly on PGlite's driver and `{ rows }` on node-postgres. */
/** A `tasks` row as the driver returns it to a raw statement: column names, timestamps as text. */
interface RawTaskRow {
  id: string;
  project_id: string;
  mission_id: string | null;
  milestone_id: string | null;
  external_id: string | null;
  title: string;
  description: string;
  status: TaskRow["status"];
  priority: TaskRow["priority"];
  assignee: string | null;
  depends_on: string[];
  estimate: string | null;
  branch: string | null;
  issue: string | null;
  notes: string | null;
  due_date: string | null;
  position: number;
  extra: Record<string, string> | string;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  sort_value: string;
}

/** Both drivers hand timestamps over as text to raw statements; accept a Date too. */

function taskFromRaw(r: RawTaskRow): TaskRow & { sortValue: string } {
  return {
    id: r.id,
    projectId: r.project_id,
    missionId: r.mission_id,
    milestoneId: r.milestone_id,
    externalId: r.external_id,
    title: r.title,
    description: r.description,
    status: r.status,
    priority: r.priority,
    assignee: r.assignee,
    dependsOn: r.depends_on,
    estimate: r.estimate,
    branch: r.branch,
    issue: r.issue,
    notes: r.notes,
    dueDate: r.due_date,
    position: r.position,
    extra: typeof r.extra === "string" ? (JSON.parse(r.extra) as Record<string, string>) : r.extra,
    createdBy: r.created_by,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    sortValue: r.sort_value,
  };
}

/** `select <task columns>, <sort value> from "tasks"` per sort key, rendered once: it has no parameters. */
const listSelects = new Map<TaskSortKey, SQL>();
function listSelect(db: Database, key: TaskSortKey): SQL {
  let select = listSelects.get(key);
  if (!select) {
    const query = db
      .select({ task: taskColumns, sortValue: sql<string>`${sortValueColumn(SORT_KEYS[key])} AS "sort_value"` })
      .from(tasks)
      .toSQL();
    select = parameterless(query, "the task list's select list");
    listSelects.set(key, select);
  }
  return select;
}

/**
 * A prepared statement's name for the list statement `text`, the same on every connection. The
 * text alone decides it (its values are bound parameters, never part of it). Names are kept for a
 * bounded number of shapes (filters × sort × cursor × the kind of access predicate); past that a
 * statement runs unnamed, so no connection accumulates prepared statements without bound.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 256;
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `mosaic_tasks_list_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

export type TasksRepository = ReturnType<typeof tasksRepository>;
