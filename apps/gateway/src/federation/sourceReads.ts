/**
 * @module `?source=` on B's read routes: who may read through peers, which peers a read goes to,
 * and how their answers come back (docs/federation/READING.md). Nothing a peer sends is stored.
 */
import type { Actor } from "@mosaic/auth";
import {
  type FederatedItem,
  type FederatedListFilter,
  type FederatedSearchResource,
  type FederationResource,
  forbidden,
  isMosaicError,
  MosaicError,
  notFound,
  type SearchHit,
  type SearchMode,
  type SourceError,
  type SourceSelector,
} from "@mosaic/contracts";
import {
  decodeSourceCursor,
  encodeSourceCursor,
  fanOut,
  firstPageCursors,
  interleaveByRank,
  isFederationClientError,
  type MergeOrder,
  mergeLists,
  partialMarkers,
  type SourceCursors,
} from "@mosaic/federation/reads";
import type { PeerClients, PeerHandle } from "./peerClients.js";

type Markers = { _partial?: true; _errors?: SourceError[] };
type Tagged<T> = T & { _source?: string };

export interface LocalPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Denials of a resource by A's grant: in `source=all` they mean "A shares none of these", not a failure. */
const SCOPE_REASONS = new Set(["resource_not_allowed", "resource_excluded"]);
const isScopeDenial = (err: unknown) =>
  isFederationClientError(err) && err.kind === "forbidden" && err.reason !== undefined && SCOPE_REASONS.has(err.reason);

export function createSourceReads(peerClients: PeerClients) {
  /**
   * The rule: reading through peers is for this gateway's admins — the users who add, see and
   * remove peers. A peer's grant is a person's data on A; no other user of B may borrow it. Checked
   * before the peer is looked up, so a member cannot learn which peers exist (403, never 404).
   */
  function authorize(actor: Actor, source: SourceSelector) {
    if (source !== "local" && actor.role !== "admin") {
      throw forbidden(`source=${source} reads through this gateway's peers, which only its admins may do`);
    }
  }

  async function targets(actor: Actor, source: SourceSelector): Promise<PeerHandle[]> {
    authorize(actor, source);
    if (source === "all") return peerClients.activePeers();
    if (source.startsWith("federated:")) return [await peerClients.peer(source.slice("federated:".length))];
    return [];
  }

  /** A peer's failure on a single-peer read, as this gateway's error (503, or 404 for a missing item). */
  function peerFailure(err: unknown): never {
    if (isMosaicError(err)) throw err;
    throw new MosaicError("service_unavailable", "the peer could not be read");
  }

  return {
    authorize,

    /** A list route: local as before; one peer with its own cursor; or all sources merged (composite cursor). */
    async list<R extends FederationResource, T extends { id: string }>(props: {
      actor: Actor;
      source: SourceSelector | undefined;
      resource: R;
      cursor: string | undefined;
      limit: number;
      filter: FederatedListFilter<R>;
      order: NoInfer<MergeOrder<T>>;
      local: (cursor: string | undefined) => Promise<LocalPage<T>>;
    }): Promise<LocalPage<Tagged<T>> & Markers> {
      const source = props.source ?? "local";
      const peers = await targets(props.actor, source);
      const fromPeer = (peer: PeerHandle, cursor: string | undefined) =>
        peer.client
          .list(props.resource, { filter: props.filter, cursor, limit: props.limit })
          .then((page) => ({ items: page.items as unknown as T[], nextCursor: page.next_cursor }));
      if (source === "local") return props.local(props.cursor);
      if (source !== "all") {
        const [peer] = peers as [PeerHandle];
        const page = await fromPeer(peer, props.cursor).catch(peerFailure);
        return { items: page.items.map((item) => ({ ...item, _source: peer.row.name })), nextCursor: page.nextCursor };
      }
      const byName = new Map(peers.map((peer) => [peer.row.name, peer]));
      const cursors: SourceCursors = props.cursor
        ? decodeSourceCursor(props.cursor)
        : firstPageCursors(["local", ...byName.keys()]);
      const gone: SourceError[] = [];
      const calls = Object.entries(cursors).flatMap(([name, cursor]) => {
        const from = cursor === "" ? undefined : cursor;
        if (name === "local") return [{ source: name, run: () => props.local(from) }];
        const peer = byName.get(name);
        if (!peer) {
          gone.push({ peer: name, reason: "not_active" });
          return [];
        }
        const run = () =>
          fromPeer(peer, from).catch((err: unknown) => {
            if (isScopeDenial(err)) return { items: [] as T[], nextCursor: null };
            throw err;
          });
        return [{ source: name, run }];
      });
      const { answers, errors } = await fanOut(calls);
      const next: SourceCursors = {};
      for (const { source: name, value } of answers) if (value.nextCursor) next[name] = value.nextCursor;
      const items = mergeLists(
        answers.map(({ source: name, value }) => ({ source: name, items: value.items })),
        props.order,
      );
      return { items, nextCursor: encodeSourceCursor(next), ...partialMarkers([...errors, ...gone]) };
    },

    /**
     * A get route. `all` asks every source at once and answers with the first that has the id:
     * local, then peers by name. Not found anywhere → 404, unless a peer failed → 503 naming it.
     */
    async get<R extends FederationResource, L>(props: {
      actor: Actor;
      source: SourceSelector | undefined;
      resource: R;
      id: string;
      local: () => Promise<L>;
    }): Promise<{ item: Tagged<L> | FederatedItem<R> } & Markers> {
      const source = props.source ?? "local";
      const peers = await targets(props.actor, source);
      const fromPeer = async (peer: PeerHandle) =>
        ({ ...(await peer.client.get(props.resource, props.id)).item, _source: peer.row.name }) as FederatedItem<R>;
      if (source === "local") return { item: (await props.local()) as Tagged<L> };
      if (source !== "all") return { item: await fromPeer(peers[0] as PeerHandle).catch(peerFailure) };
      const orNull =
        <V>(run: () => Promise<V>) =>
        async () => {
          try {
            return await run();
          } catch (err) {
            if ((isMosaicError(err) && err.code === "not_found") || isScopeDenial(err)) return null;
            throw err;
          }
        };
      const { answers, errors } = await fanOut<Tagged<L> | FederatedItem<R> | null>([
        { source: "local", run: orNull(async () => ({ ...(await props.local()), _source: "local" })) },
        ...peers.map((peer) => ({ source: peer.row.name, run: orNull(() => fromPeer(peer)) })),
      ]);
      const found = answers.find((answer) => answer.value !== null)?.value;
      if (found) return { item: found, ...partialMarkers(errors) };
      if (errors.length > 0) {
        const names = errors.map((e) => `${e.peer} (${e.reason})`).join(", ");
        throw new MosaicError("service_unavailable", `not found here; could not ask ${names} — try again`);
      }
      throw notFound(props.resource.replace(/s$/, ""));
    },

    /**
     * A search route over `resources`. One peer: its hits for each resource, by score. `all`: each
     * source's ranked list, interleaved by rank (scores of different gateways don't compare).
     */
    async search(props: {
      actor: Actor;
      source: SourceSelector | undefined;
      resources: FederatedSearchResource[];
      query: string;
      limit: number;
      projectId: string | undefined;
      local: () => Promise<{ mode: SearchMode; items: SearchHit[] }>;
    }): Promise<{ mode: SearchMode; items: Tagged<SearchHit>[] } & Markers> {
      const source = props.source ?? "local";
      const peers = await targets(props.actor, source);
      if (source === "local") return props.local();
      const fromPeer = async (peer: PeerHandle) => {
        const answers = await Promise.all(
          props.resources.map((resource) =>
            peer.client.search(resource, { query: props.query, limit: props.limit }).catch((err: unknown) => {
              if (isScopeDenial(err)) return { mode: "hybrid" as const, items: [] };
              throw err;
            }),
          ),
        );
        // The wire has no project filter for search; a project id only matches on one gateway anyway.
        const items = answers
          .flatMap((answer) => answer.items)
          .filter((hit) => props.projectId === undefined || hit.projectId === props.projectId)
          .sort((a, b) => b.score - a.score)
          .slice(0, props.limit);
        const mode: SearchMode = answers.every((answer) => answer.mode === "hybrid") ? "hybrid" : "fulltext";
        return { mode, items };
      };
      if (source !== "all") {
        const peer = peers[0] as PeerHandle;
        const answer = await fromPeer(peer).catch(peerFailure);
        return { mode: answer.mode, items: answer.items.map((hit) => ({ ...hit, _source: peer.row.name })) };
      }
      const { answers, errors } = await fanOut<{ mode: SearchMode; items: SearchHit[] }>([
        { source: "local", run: props.local },
        ...peers.map((peer) => ({ source: peer.row.name, run: () => fromPeer(peer) })),
      ]);
      const items = interleaveByRank(
        answers.map(({ source: name, value }) => ({ source: name, items: value.items })),
        props.limit,
      );
      const mode: SearchMode = answers.every(({ value }) => value.mode === "hybrid") ? "hybrid" : "fulltext";
      return { mode, items, ...partialMarkers(errors) };
    },
  };
}

export type SourceReads = ReturnType<typeof createSourceReads>;
