/** @module Every task of a project matching a query, following the cursor (a board shows them all). */
import type { TaskView } from "@mosaic/contracts";
import type { Api } from "../api/endpoints.js";

/** 10 pages of 100 bounds a runaway project. */
const MAX_PAGES = 10;

export async function loadAllTasks(
  api: Api,
  projectId: string,
  query: Record<string, string | undefined>,
  /** Told the tasks so far after each page but the last, so a board can show them while the rest arrive. */
  onPage?: (soFar: readonly TaskView[]) => void,
): Promise<readonly TaskView[]> {
  const items: TaskView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await api.tasks.list(projectId, { ...query, limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    onPage?.([...items]);
    cursor = page.nextCursor;
  }
  return items;
}
