/**
 * @module The notes service: markdown notes with tags, personal or in a project. Access comes from
 * @mosaic/auth's brainAccess (personal: owner only; project: the project's members). Each write
 * embeds the text with the configured embedder; a failing embedder never fails the write.
 */
import { type Actor, noteAccess } from "@mosaic/auth";
import { forbidden, notFound } from "@mosaic/contracts";
import type { NoteFilter, NoteRecord, NotesRepository, Page, PageRequest, ProjectsRepository } from "@mosaic/db";
import { presentNote } from "../brainPresenters.js";
import type { Embedder } from "../embeddings/embedder.js";
import { type BrainLog, embedForStorage } from "../embeddings/embedForStorage.js";
import { brainEvent, type PublishEvent } from "../events.js";
import { requireProject } from "../projectGate.js";

export interface NoteServiceDeps {
  notes: NotesRepository;
  projects: ProjectsRepository;
  embedder: Embedder;
  publish: PublishEvent;
  log: BrainLog;
}

export interface NoteInput {
  title: string;
  body: string;
  tags: string[];
}

export type NotePage = Page<NoteRecord & { cursorAt: string }>;

export function createNoteService(deps: NoteServiceDeps) {
  const announce = (name: "note.created" | "note.updated" | "note.deleted", actor: Actor, row: NoteRecord) => {
    deps.publish(
      brainEvent(name, {
        id: row.id,
        projectId: row.projectId,
        ownerUserId: row.ownerUserId,
        actorId: actor.userId,
        ...(name === "note.deleted" ? {} : { data: presentNote(row) }),
      }),
    );
    return row;
  };

  /** After a scoped write matched nothing: 403 when the actor can see the note, else 404. */
  async function refusal(actor: Actor, id: string): Promise<never> {
    const visible = await deps.notes.find(id, noteAccess(actor, "read"));
    throw visible ? forbidden("you may read this note but not change it") : notFound("note");
  }

  return {
    /** Creates a personal note, or a note in `projectId` (the actor must be able to write the project). */
    async create(actor: Actor, input: NoteInput & { projectId?: string | undefined }): Promise<NoteRecord> {
      if (input.projectId) await requireProject(deps.projects, actor, input.projectId, "write");
      const vector = await embedForStorage(deps.embedder, [input.title, input.body], deps.log, { kind: "note" });
      const row = await deps.notes.create({
        projectId: input.projectId ?? null,
        ownerUserId: actor.userId,
        title: input.title,
        body: input.body,
        tags: [...new Set(input.tags)],
        ...vector,
      });
      return announce("note.created", actor, row);
    },

    /** Every note the actor can read (personal and in reachable projects), newest first. */
    list(actor: Actor, filter: NoteFilter, page: PageRequest): Promise<NotePage> {
      return deps.notes.list(noteAccess(actor, "read"), filter, page);
    },

    /** The notes of one project; 404 when the project is not reachable (not an empty list). */
    async listInProject(
      actor: Actor,
      projectId: string,
      tag: string | undefined,
      page: PageRequest,
    ): Promise<NotePage> {
      await requireProject(deps.projects, actor, projectId, "read");
      return deps.notes.list(noteAccess(actor, "read"), { projectId, tag }, page);
    },

    async get(actor: Actor, id: string): Promise<NoteRecord> {
      const row = await deps.notes.find(id, noteAccess(actor, "read"));
      if (!row) throw notFound("note");
      return row;
    },

    /** Edits a note; a new title or body is re-embedded (a failed embedding clears the stale vector). */
    async update(actor: Actor, id: string, patch: Partial<NoteInput>): Promise<NoteRecord> {
      const current = await deps.notes.find(id, noteAccess(actor, "read"));
      if (!current) throw notFound("note");
      const title = patch.title ?? current.title;
      const body = patch.body ?? current.body;
      const textChanged = title !== current.title || body !== current.body;
      const vector = textChanged
        ? await embedForStorage(deps.embedder, [title, body], deps.log, { kind: "note", id })
        : {};
      const row = await deps.notes.update(
        id,
        {
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.body !== undefined ? { body: patch.body } : {}),
          ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
          ...vector,
        },
        noteAccess(actor, "write"),
      );
      return announce("note.updated", actor, row ?? (await refusal(actor, id)));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const row = await deps.notes.delete(id, noteAccess(actor, "write"));
      announce("note.deleted", actor, row ?? (await refusal(actor, id)));
    },
  };
}

export type NoteService = ReturnType<typeof createNoteService>;
