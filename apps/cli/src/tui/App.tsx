/** @module The TUI's root: which screen is open, data from the gateway, the live feed, and the key bindings. */
import type { BrainEvent, MissionView, ProjectView, SearchHit, SourceSelector, TaskStatus } from "@mosaic/contracts";
import { Box, Text, useApp, useInput } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  errorLine,
  isUnreachable,
  nextSource,
  partialLine,
  peerOf,
  type SourcedTask,
  sourceLabel,
  type TuiApi,
} from "./api.js";
import { Kanban, listOrder, TaskList } from "./Board.js";
import {
  applyTaskEvent,
  COLUMNS,
  fit,
  neighbourStatus,
  tasksByStatus,
  visibleColumnCount,
  windowStart,
} from "./board.js";
import { FederationView } from "./FederationView.js";
import { Help, HINTS } from "./Help.js";
import type { LiveFeed, LiveState } from "./live.js";
import { MemorySearch } from "./MemorySearch.js";
import { MissionPicker } from "./MissionPicker.js";
import { Notes } from "./Notes.js";
import { ProjectPicker } from "./ProjectPicker.js";
import { OfflineBanner, StatusBar, type StatusMessage } from "./StatusBar.js";
import { TaskDetail } from "./TaskDetail.js";
import { useTerminalSize } from "./terminal.js";
import type { ViewProps } from "./views.js";

export interface LiveHandlers {
  onEvent(event: BrainEvent): void;
  onState(state: LiveState): void;
  onResync(): void;
}

export interface AppProps {
  api: TuiApi;
  /** Opens /api/ws; the command passes the real feed, tests the same feed pointed at a local server. */
  connectLive(handlers: LiveHandlers): LiveFeed;
  gatewayUrl: string;
  user: string;
  initialProjectId?: string | undefined;
  /** The terminal's size when the TUI opens; resizes are followed from there (useTerminalSize). */
  width: number;
  height: number;
}

type Screen = "picker" | "board" | "detail" | ViewScreen;
/** Screens that read their own keys (views.ts): App only switches to them and back. */
type ViewScreen = "missions" | "notes" | "search" | "federation";
const VIEW_SCREENS: readonly Screen[] = ["missions", "notes", "search", "federation"];

// Title, column-window line, column header, message line, status bar.
const CHROME_ROWS = 5;

export function App(props: AppProps) {
  const { api } = props;
  const { width, height } = useTerminalSize({ width: props.width, height: props.height });
  const { exit } = useApp();
  const [screen, setScreen] = useState<Screen>("picker");
  const [help, setHelp] = useState(false);
  const [projects, setProjects] = useState<ProjectView[] | undefined>(undefined);
  const [pick, setPick] = useState(0);
  const [project, setProject] = useState<ProjectView | undefined>(undefined);
  const [tasks, setTasks] = useState<SourcedTask[]>([]);
  // Where the board, notes and search read from: `o` cycles local → all → each peer (Tab in search).
  const [source, setSource] = useState<SourceSelector>("local");
  const [peers, setPeers] = useState<string[] | undefined>(undefined);
  const sourceRef = useRef<SourceSelector>("local");
  sourceRef.current = source;
  const [view, setView] = useState<"kanban" | "list">("kanban");
  const [focus, setFocus] = useState(0);
  const [row, setRow] = useState(0);
  const [listRow, setListRow] = useState(0);
  const [start, setStart] = useState(0);
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const [offline, setOffline] = useState<string | undefined>(undefined);
  const [live, setLive] = useState<LiveState>("connecting");
  const [mission, setMission] = useState<MissionView | undefined>(undefined);
  // Where Esc leads from a view: a stack, since a search can open a note whose Esc returns to the search.
  const [trail, setTrail] = useState<Screen[]>([]);
  const [searchQuery, setSearchQuery] = useState("");
  const [openNoteId, setOpenNoteId] = useState<string | undefined>(undefined);
  // The peer a search hit's note lives on (it opens read-only from there).
  const [openNotePeer, setOpenNotePeer] = useState<string | undefined>(undefined);
  const [noteEvent, setNoteEvent] = useState<BrainEvent | undefined>(undefined);
  const feed = useRef<LiveFeed | undefined>(undefined);
  const projectRef = useRef<ProjectView | undefined>(undefined);
  projectRef.current = project;

  const count = visibleColumnCount(width);
  // A chosen mission scopes the board; live events still update the whole project's tasks underneath.
  const scoped = useMemo(() => (mission ? tasks.filter((t) => t.missionId === mission.id) : tasks), [tasks, mission]);
  const groups = useMemo(() => tasksByStatus(scoped), [scoped]);
  const ordered = useMemo(() => listOrder(groups), [groups]);
  const focusStatus = COLUMNS[focus] ?? "not-started";
  const selected: SourcedTask | undefined = view === "list" ? ordered[listRow] : groups[focusStatus][row];
  const [detailId, setDetailId] = useState<string | undefined>(undefined);
  const detail = tasks.find((t) => t.id === detailId);

  /** Runs a request; an unreachable gateway raises the banner instead of failing the screen. */
  const guarded = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await work();
      setOffline(undefined);
      return result;
    } catch (err) {
      if (isUnreachable(err)) setOffline(errorLine(err));
      else setMessage({ text: errorLine(err), tone: "error" });
      return undefined;
    }
  }, []);

  const loadProjects = useCallback(async () => {
    const list = await guarded(() => api.listProjects());
    if (list) setProjects(list);
  }, [api, guarded]);

  const loadTasks = useCallback(
    async (projectId: string) => {
      const list = await guarded(() => api.listTasks(projectId));
      if (list) setTasks(list);
    },
    [api, guarded],
  );

  /** The board across projects and gateways: `GET /api/tasks?source=…`; a failed peer is the message line. */
  const loadTasksFrom = useCallback(
    async (from: SourceSelector) => {
      const answer = await guarded(() => api.listTasksFrom(from));
      if (!answer || sourceRef.current !== from) return;
      setTasks(answer.items);
      if (answer.errors.length) setMessage({ text: partialLine(answer.errors), tone: "error" });
    },
    [api, guarded],
  );

  /** The next source; the peers are asked for once (a member's 403 means there is nothing to cycle). */
  const cycleSource = useCallback(async (): Promise<SourceSelector | undefined> => {
    const known = peers ?? (await api.listPeers().catch(() => [] as string[]));
    setPeers(known);
    if (known.length === 0) {
      setMessage({ text: "no peer gateways to read from (admins with active peers only)", tone: "info" });
      return undefined;
    }
    const next = nextSource(sourceRef.current, known);
    sourceRef.current = next;
    setSource(next);
    setMessage({ text: `source: ${sourceLabel(next)}`, tone: "info" });
    return next;
  }, [api, peers]);

  /** `o` on the board or the picker: the board of every task through the new source (local: the picker). */
  const switchBoardSource = async () => {
    const next = await cycleSource();
    if (!next) return;
    setFocus(0);
    setRow(0);
    setListRow(0);
    setStart(0);
    setMission(undefined);
    setProject(undefined);
    projectRef.current = undefined;
    setTasks([]);
    if (next === "local") {
      setScreen("picker");
      return void loadProjects();
    }
    setScreen("board");
    await loadTasksFrom(next);
  };

  const openProject = useCallback(
    async (p: ProjectView) => {
      // A project lives on this gateway: its board is local.
      sourceRef.current = "local";
      setSource("local");
      setProject(p);
      projectRef.current = p;
      setMission(undefined);
      setTasks([]);
      setFocus(0);
      setRow(0);
      setListRow(0);
      setStart(0);
      setScreen("board");
      await loadTasks(p.id);
    },
    [loadTasks],
  );

  const reload = useCallback(async () => {
    const p = projectRef.current;
    if (p) await loadTasks(p.id);
    else if (sourceRef.current !== "local") await loadTasksFrom(sourceRef.current);
    else await loadProjects();
  }, [loadProjects, loadTasks, loadTasksFrom]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  // Once: the first screen, and the live feed for the whole session.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mount-only on purpose; handlers read refs
  useEffect(() => {
    if (props.initialProjectId) {
      void guarded(() => api.showProject(props.initialProjectId as string)).then((p) =>
        p ? openProject(p) : loadProjects(),
      );
    } else void loadProjects();
    feed.current = props.connectLive({
      onEvent(event) {
        const p = projectRef.current;
        if (event.name.startsWith("note.")) setNoteEvent(event);
        else if (p && event.name.startsWith("task.")) setTasks((prev) => applyTaskEvent(prev, p.id, event));
        // Across gateways the board re-reads (only this gateway's tasks send events).
        else if (!p && event.name.startsWith("task.") && sourceRef.current === "all") void reloadRef.current();
        else if (!p && event.name.startsWith("project.")) void reloadRef.current();
      },
      onState: setLive,
      onResync: () => void reloadRef.current(),
    });
    return () => feed.current?.close();
  }, []);

  const focusTask = (task: SourcedTask) => {
    const column = COLUMNS.indexOf(task.status);
    const next = tasksByStatus(scoped.map((t) => (t.id === task.id ? task : t)));
    setFocus(column);
    setStart((s) => windowStart(s, column, count));
    setRow(
      Math.max(
        0,
        next[task.status].findIndex((t) => t.id === task.id),
      ),
    );
    setListRow(
      Math.max(
        0,
        listOrder(next).findIndex((t) => t.id === task.id),
      ),
    );
  };

  const move = async (task: SourcedTask, status: TaskStatus) => {
    const peer = peerOf(task);
    // Writes to peers don't exist: a peer's task is read-only here.
    if (peer) return setMessage({ text: `read-only: "${fit(task.title, 30)}" is on ${peer}`, tone: "error" });
    if (task.status === status) return;
    setMessage({ text: `moving "${fit(task.title, 30)}" to ${status}…`, tone: "info" });
    const moved = await guarded(() => api.moveTask(task.id, status));
    if (!moved) {
      setMessage((m) => (m?.tone === "error" ? { text: `can't move: ${m.text}`, tone: "error" } : m));
      return;
    }
    setTasks((prev) => prev.map((t) => (t.id === moved.id ? moved : t)));
    focusTask(moved);
    setMessage({ text: `moved "${fit(moved.title, 30)}" to ${status}`, tone: "info" });
  };

  const setColumn = (next: number) => {
    const column = Math.max(0, Math.min(COLUMNS.length - 1, next));
    setFocus(column);
    setRow(0);
    setStart((s) => windowStart(s, column, count));
  };

  const openView = (next: ViewScreen, noteId?: string, notePeer?: string) => {
    setTrail((t) => [...t, screen]);
    setOpenNoteId(noteId);
    setOpenNotePeer(notePeer);
    setMessage(undefined);
    setScreen(next);
  };

  /** A search hit: a note opens in the notes view, a task in its project's board and detail. */
  const openHit = async (hit: SearchHit & { _source?: string | undefined }) => {
    if (hit.kind === "note") return openView("notes", hit.id, peerOf(hit));
    const p = hit.projectId ? await guarded(() => api.showProject(hit.projectId as string)) : undefined;
    if (!p) return;
    await openProject(p);
    setTrail([]);
    setDetailId(hit.id);
    setScreen("detail");
  };

  useInput((input, key) => {
    if (help) return setHelp(false);
    if (VIEW_SCREENS.includes(screen)) return;
    if (input === "/") return openView("search");
    if (input === "n") return openView("notes");
    if (input === "f") return openView("federation");
    if (input === "s" && project) return openView("missions");
    if (input === "q") return exit();
    if (input === "?") return setHelp(true);
    if (input === "o" && (screen === "picker" || screen === "board")) return void switchBoardSource();
    if (input === "r") {
      feed.current?.retryNow();
      setMessage(undefined);
      return void reload();
    }
    if (moving) {
      setMoving(false);
      const status = COLUMNS[Number(input) - 1];
      if (status && selected) void move(selected, status);
      else setMessage(undefined);
      return;
    }
    if (screen === "picker") {
      const n = projects?.length ?? 0;
      if (key.upArrow) setPick((i) => Math.max(0, i - 1));
      if (key.downArrow) setPick((i) => Math.min(Math.max(0, n - 1), i + 1));
      const chosen = projects?.[pick];
      if (key.return && chosen) void openProject(chosen);
      return;
    }
    if (key.escape || input === "p") {
      if (screen === "detail" && key.escape) return setScreen("board");
      setProject(undefined);
      projectRef.current = undefined;
      sourceRef.current = "local";
      setSource("local");
      setScreen("picker");
      return void loadProjects();
    }
    const current = screen === "detail" ? detail : selected;
    if (current && (input === "[" || input === "]")) {
      const status = neighbourStatus(current.status, input === "[" ? -1 : 1);
      if (status) void move(current, status);
      return;
    }
    if (current && input === "m") {
      if (peerOf(current)) return void move(current, current.status);
      setMoving(true);
      setMessage({ text: `move to: ${COLUMNS.map((s, i) => `${i + 1} ${s}`).join("  ")}`, tone: "info" });
      return;
    }
    if (screen === "detail") return;
    if (input === "l") return setView("list");
    if (input === "k") return setView("kanban");
    if (key.return && selected) {
      setDetailId(selected.id);
      return setScreen("detail");
    }
    if (view === "list") {
      if (key.upArrow) setListRow((i) => Math.max(0, i - 1));
      if (key.downArrow) setListRow((i) => Math.min(Math.max(0, ordered.length - 1), i + 1));
      return;
    }
    if (key.leftArrow) setColumn(focus - 1);
    if (key.rightArrow) setColumn(focus + 1);
    if (key.upArrow) setRow((i) => Math.max(0, i - 1));
    if (key.downArrow) setRow((i) => Math.min(Math.max(0, groups[focusStatus].length - 1), i + 1));
  });

  const bodyRows = Math.max(1, height - CHROME_ROWS - (offline || live === "reconnecting" ? 1 : 0));
  const banner =
    offline ?? (live === "reconnecting" ? `lost the live feed from ${props.gatewayUrl} — reconnecting` : undefined);
  const where = screen === "detail" ? "task" : VIEW_SCREENS.includes(screen) ? screen : view;
  const title =
    screen === "picker"
      ? "Mosaic › projects (↑/↓, Enter)"
      : screen === "federation"
        ? "Mosaic › federation (read-only)"
        : `Mosaic › ${project?.name ?? "all projects"}${!project && screen !== "notes" && screen !== "search" ? ` @ ${sourceLabel(source)}` : ""}${mission && screen === "board" ? ` › ${mission.title}` : ""} › ${where}`;
  const viewProps: ViewProps = {
    api,
    active: !help,
    width,
    rows: bodyRows,
    run: guarded,
    say: setMessage,
    back: () => {
      setScreen(trail.at(-1) ?? (project ? "board" : "picker"));
      setTrail(trail.slice(0, -1));
    },
    quit: exit,
    help: () => setHelp(true),
    source,
    cycleSource: () => void cycleSource(),
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{fit(title, width)}</Text>
      {banner ? <OfflineBanner text={banner} width={width} /> : null}
      <Box flexDirection="column" height={bodyRows + 1}>
        {help ? <Help width={width} /> : null}
        {/* Hidden, not unmounted, under the help screen: a view keeps its query, list and scroll position. */}
        <Box flexDirection="column" display={help ? "none" : "flex"}>
          {screen === "missions" && project ? (
            <MissionPicker
              {...viewProps}
              projectId={project.id}
              current={mission?.id}
              onChoose={(m) => {
                setMission(m);
                setFocus(0);
                setRow(0);
                setListRow(0);
                setStart(0);
                setScreen("board");
              }}
            />
          ) : screen === "notes" ? (
            <Notes
              {...viewProps}
              project={project}
              openNoteId={openNoteId}
              openNotePeer={openNotePeer}
              lastEvent={noteEvent}
            />
          ) : screen === "federation" ? (
            <FederationView {...viewProps} />
          ) : screen === "search" ? (
            <MemorySearch
              {...viewProps}
              query={searchQuery}
              onQuery={setSearchQuery}
              onOpen={(hit) => void openHit(hit)}
            />
          ) : screen === "picker" ? (
            <ProjectPicker projects={projects} selected={pick} width={width} rows={bodyRows} />
          ) : screen === "detail" && detail ? (
            <TaskDetail task={detail} width={width} rows={bodyRows} />
          ) : view === "list" ? (
            <TaskList tasks={ordered} row={listRow} width={width} rows={bodyRows} />
          ) : (
            <Kanban
              groups={groups}
              focus={focus}
              row={row}
              start={start}
              count={count}
              width={width}
              rows={bodyRows - 1}
            />
          )}
        </Box>
      </Box>
      <StatusBar
        message={message}
        hint={HINTS[screen]}
        url={props.gatewayUrl}
        user={props.user}
        live={live}
        width={width}
      />
    </Box>
  );
}
