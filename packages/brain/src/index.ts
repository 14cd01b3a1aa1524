/** @module The brain: domain services (no HTTP; repositories injected), the TASKS.md format, embedders. */
export * from "./embeddings/embedder.js";
export {
  type EmbeddingFailure,
  EmbeddingProviderError,
  type RemoteEmbedderOptions,
} from "./embeddings/embeddingHttp.js";
export {
  createLocalEmbedder,
  embedLocally,
  LOCAL_EMBEDDER_DIMENSIONS,
  LOCAL_EMBEDDER_MODEL_ID,
} from "./embeddings/localEmbedder.js";
export * from "./embeddings/remoteEmbedders.js";
export * from "./events.js";
export * from "./missionPresenters.js";
export { fileTaskId, tasksMdToTree, treeToTasksMd, UNTITLED_MISSION } from "./missions/missionRows.js";
export * from "./missions/tasksMd.js";
export * from "./missions.js";
export * from "./presenters.js";
export * from "./projects.js";
export * from "./taskRules.js";
export * from "./tasks.js";
