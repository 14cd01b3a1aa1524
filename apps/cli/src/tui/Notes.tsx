/**
 * @module Notes: a project's notes and your personal ones; read, edit in $EDITOR, create and delete
 * (after a y). Through a source (`o`), peers' notes are listed too, marked `[peer]` and read-only.
 */
import { type BrainEvent, NoteView, type ProjectView } from "@mosaic/contracts";
import { Box, Text, useInput } from "ink";
import { useCallback, useEffect, useMemo, useState } from "react";
import { editInEditor } from "../editor.js";
import { errorLine, type NoteScope, partialLine, peerOf, type SourcedNote, sourceLabel } from "./api.js";
import { fit } from "./board.js";
import { markdownLines } from "./markdown.js";
import { NoteReader, READER_CHROME_ROWS } from "./NoteReader.js";
import { TextLine, typed } from "./TextInput.js";
import { handTerminalOver, useTerminalStreams } from "./terminal.js";
import { listWindow, type ViewProps } from "./views.js";

export interface NotesProps extends ViewProps {
  /** The open project, whose notes are the first tab; without one the first tab is every note you can read. */
  project: ProjectView | undefined;
  /** Open straight into this note (a search hit). */
  openNoteId?: string | undefined;
  /** The peer that note lives on (a search hit through a source): it is read from there, read-only. */
  openNotePeer?: string | undefined;
  /** The latest `note.*` event from /api/ws: the list re-reads, and the open note follows it. */
  lastEvent?: BrainEvent | undefined;
}

type Mode = "list" | "read" | "title" | "confirm";

const TAB_HINT = "  Tab: switch";

interface Tab {
  label: string;
  scope: NoteScope;
}

export function Notes(props: NotesProps) {
  const { api, run, say, project, width, rows, source } = props;
  const streams = useTerminalStreams();
  const tabs: Tab[] = useMemo(
    () =>
      // Through peers there is one list: project and personal scopes are this gateway's only.
      source !== "local"
        ? [{ label: `all notes @ ${sourceLabel(source)}`, scope: { kind: "all" } }]
        : [
            project
              ? { label: project.name, scope: { kind: "project", projectId: project.id } }
              : { label: "all notes", scope: { kind: "all" } },
            { label: "personal", scope: { kind: "personal" } },
          ],
    [project, source],
  );
  const [tab, setTab] = useState(0);
  const [notes, setNotes] = useState<SourcedNote[] | undefined>(undefined);
  const [pick, setPick] = useState(0);
  const [mode, setMode] = useState<Mode>(props.openNoteId ? "read" : "list");
  const [reading, setReading] = useState<SourcedNote | undefined>(undefined);
  const [offset, setOffset] = useState(0);
  const [title, setTitle] = useState("");
  // Text from an editor session whose save failed: the next edit starts from it, so nothing typed is lost.
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [back, setBack] = useState<Mode>("list");

  const scope = (tabs[tab] ?? tabs[0]) as Tab;
  const load = useCallback(async () => {
    if (source !== "local") {
      const answer = await run(() => api.listNotesFrom(source));
      if (!answer) return;
      setNotes(answer.items);
      if (answer.errors.length) say({ text: partialLine(answer.errors), tone: "error" });
      return;
    }
    const list = await run(() => api.listNotes(scope.scope));
    if (list) setNotes(list);
  }, [api, run, say, scope, source]);

  useEffect(() => {
    void load();
  }, [load]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: opens the hit once, on mount
  useEffect(() => {
    if (!props.openNoteId) return;
    const id = props.openNoteId;
    const peer = props.openNotePeer;
    void run(() => (peer ? api.showNoteFrom(id, `federated:${peer}`) : api.showNote(id))).then((n) =>
      n ? open(n) : setMode("list"),
    );
  }, []);

  // Live: a note written elsewhere (web, CLI, another TUI) shows up without pressing r.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per event only
  useEffect(() => {
    const event = props.lastEvent;
    if (!event) return;
    void load();
    if (!reading || reading.id !== event.id) return;
    if (event.name === "note.deleted") {
      setReading(undefined);
      setMode("list");
      return say({ text: `"${fit(reading.title, 40)}" was deleted elsewhere`, tone: "error" });
    }
    const parsed = NoteView.safeParse(event.data);
    if (parsed.success && parsed.data.updatedAt >= reading.updatedAt) setReading(parsed.data);
  }, [props.lastEvent]);

  const lines = useMemo(() => (reading ? markdownLines(reading.body, width) : []), [reading, width]);
  const textRows = Math.max(1, rows - READER_CHROME_ROWS);
  const maxOffset = Math.max(0, lines.length - textRows);
  // After a resize the text may be shorter: never scroll past its end.
  const top = Math.min(offset, maxOffset);

  const open = (note: SourcedNote) => {
    setReading(note);
    setOffset(0);
    setMode("read");
  };

  const where = (note: SourcedNote) =>
    peerOf(note)
      ? `${peerOf(note)} · read-only`
      : note.projectId === null
        ? "personal"
        : note.projectId === project?.id
          ? project.name
          : "project note";

  const edit = async (note: NoteView) => {
    const fresh = await run(() => api.showNote(note.id));
    if (!fresh) return;
    const before = drafts.get(note.id) ?? fresh.body;
    let edited: string;
    try {
      edited = handTerminalOver(streams, () => editInEditor(before));
    } catch (err) {
      return say({ text: errorLine(err), tone: "error" });
    }
    if (edited === fresh.body) {
      setDrafts((d) => withoutKey(d, note.id));
      if (mode === "read") setReading(fresh);
      return say({ text: "no change — nothing saved", tone: "info" });
    }
    say({ text: `saving "${fit(fresh.title, 30)}"…`, tone: "info" });
    const saved = await run(() => api.saveNoteBody(note.id, edited));
    if (!saved) {
      setDrafts((d) => new Map(d).set(note.id, edited));
      // `run` put the gateway's own reason in the message line (or raised the offline banner): keep it, and
      // say that nothing was saved and how to get the text back.
      return say((m) => ({
        text: m?.tone === "error" ? `not saved: ${m.text} — e reopens your text` : "not saved — e reopens your text",
        tone: "error",
      }));
    }
    setDrafts((d) => withoutKey(d, note.id));
    setNotes((list) => list?.map((n) => (n.id === saved.id ? saved : n)));
    if (mode === "read") setReading(saved);
    say({ text: `saved "${fit(saved.title, 40)}"`, tone: "info" });
  };

  const remove = async (note: NoteView) => {
    const ok = await run(async () => {
      await api.deleteNote(note.id);
      return true;
    });
    if (!ok) return;
    say({ text: `deleted "${fit(note.title, 40)}"`, tone: "info" });
    setReading(undefined);
    setMode("list");
    setPick((p) => Math.max(0, p - 1));
    await load();
  };

  const create = async (name: string) => {
    const projectId = scope.scope.kind === "project" ? scope.scope.projectId : undefined;
    const created = await run(() => api.createNote(projectId, name));
    if (!created) return;
    say({ text: `created "${fit(created.title, 40)}" — e writes its text in $EDITOR`, tone: "info" });
    open(created);
    await load();
  };

  const selected = mode === "read" ? reading : notes?.[pick];

  useInput(
    (input, key) => {
      if (mode === "title") {
        if (key.escape) return setMode("list");
        if (key.return) {
          setMode("list");
          return void (title.trim() ? create(title.trim()) : say({ text: "a note needs a title", tone: "error" }));
        }
        const next = typed(title, input, key);
        if (next !== undefined) setTitle(next);
        return;
      }
      if (mode === "confirm") {
        setMode(back);
        if (input === "y" && selected) return void remove(selected);
        return say({ text: "kept it — nothing deleted", tone: "info" });
      }
      if (input === "q") return props.quit();
      if (input === "?") return props.help();
      if (input === "o" && mode === "list") {
        setNotes(undefined);
        setPick(0);
        setTab(0);
        return props.cycleSource();
      }
      // Writes to peers don't exist: a peer's note is read-only here.
      const peer = selected && peerOf(selected);
      if (peer && (input === "e" || input === "d"))
        return say({ text: `read-only: "${fit(selected.title, 30)}" is on ${peer}`, tone: "error" });
      if (input === "e" && selected) return void edit(selected);
      if (input === "d" && selected) {
        setBack(mode);
        setMode("confirm");
        return say({ text: `delete "${fit(selected.title, 40)}"? y deletes, any other key keeps it`, tone: "error" });
      }
      if (mode === "read") {
        if (key.escape) return setMode("list");
        const page = Math.max(1, textRows - 1);
        if (key.upArrow) setOffset(Math.max(0, top - 1));
        if (key.downArrow) setOffset(Math.min(maxOffset, top + 1));
        if (key.pageUp || input === "b") setOffset(Math.max(0, top - page));
        if (key.pageDown || input === " ") setOffset(Math.min(maxOffset, top + page));
        if (key.home || input === "g") setOffset(0);
        if (key.end || input === "G") setOffset(maxOffset);
        return;
      }
      if (key.escape) return props.back();
      if (input === "r") return void load();
      if (key.tab) {
        setTab((t) => (t + 1) % tabs.length);
        setNotes(undefined);
        setPick(0);
        return;
      }
      if (input === "c") {
        setTitle("");
        say(undefined);
        return setMode("title");
      }
      const n = notes?.length ?? 0;
      if (key.upArrow) setPick((i) => Math.max(0, i - 1));
      if (key.downArrow) setPick((i) => Math.min(Math.max(0, n - 1), i + 1));
      if (key.return && selected) open(selected);
    },
    { isActive: props.active },
  );

  if (mode === "read" && reading) {
    return <NoteReader note={reading} where={where(reading)} lines={lines} offset={top} width={width} rows={rows} />;
  }
  if (mode === "read") return <Text dimColor>loading the note…</Text>;
  const tabLine = tabs.map((t, i) => (i === tab ? `[${t.label}]` : ` ${t.label} `)).join(" ");
  const listRows = Math.max(1, rows - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold>{fit(tabLine, width - TAB_HINT.length)}</Text>
        <Text dimColor>{TAB_HINT}</Text>
      </Text>
      {mode === "title" ? (
        <TextLine label="new note title:" value={title} width={width} placeholder="Enter creates, Esc cancels" />
      ) : (
        <Text dimColor>{fit("Enter read · e edit · c new · d delete", width)}</Text>
      )}
      <NoteList notes={notes} pick={pick} width={width} rows={listRows} />
    </Box>
  );
}

function NoteList(props: { notes: SourcedNote[] | undefined; pick: number; width: number; rows: number }) {
  const { notes, pick, width, rows } = props;
  if (notes === undefined) return <Text dimColor>loading notes…</Text>;
  if (notes.length === 0) return <Text dimColor>{fit("no notes here yet — c creates one", width)}</Text>;
  const { start, shown } = listWindow(notes, pick, rows);
  const dateWidth = 11;
  return (
    <Box flexDirection="column">
      {shown.map((note, i) => {
        const selected = start + i === pick;
        const tags = note.tags.length ? ` #${note.tags.join(" #")}` : "";
        const room = width - dateWidth - 1;
        const peer = peerOf(note);
        const left =
          `${selected ? "›" : " "} ${fit(`${peer ? `[${peer}] ` : ""}${note.title}${tags}`, room - 2)}`.padEnd(room);
        return (
          <Text key={`${note._source ?? "local"}:${note.id}`} inverse={selected}>
            {left} <Text dimColor={!selected}>{note.updatedAt.slice(0, 10)}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

function withoutKey<V>(map: Map<string, V>, key: string): Map<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
