/** @module The brain: domain services (no HTTP; repositories injected), the TASKS.md format, embedders. */

export * from "./brainPresenters.js";
export * from "./conversations/conversations.js";
export * from "./embeddings/configuredEmbedder.js";
export * from "./embeddings/embedder.js";
export {
  type EmbeddingFailure,
  EmbeddingProviderError,
  type RemoteEmbedderOptions,
} from "./embeddings/embeddingHttp.js";
export * from "./embeddings/embedForStorage.js";
export {
  createLocalEmbedder,
  embedLocally,
  LOCAL_EMBEDDER_DIMENSIONS,
  LOCAL_EMBEDDER_MODEL_ID,
} from "./embeddings/localEmbedder.js";
export * from "./embeddings/reembedder.js";
export * from "./embeddings/remoteEmbedders.js";
export * from "./events.js";
export * from "./federatedReader.js";
export * from "./memory/insights.js";
export * from "./memory/preferences.js";
export * from "./missionPresenters.js";
export { fileTaskId, tasksMdToTree, treeToTasksMd, UNTITLED_MISSION } from "./missions/missionRows.js";
export * from "./missions/tasksMd.js";
export * from "./missions.js";
export * from "./notes/notes.js";
export * from "./presenters.js";
export * from "./projects.js";
export * from "./search/fusion.js";
export * from "./search/search.js";
export * from "./taskRules.js";
export * from "./tasks.js";
