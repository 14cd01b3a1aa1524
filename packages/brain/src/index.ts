/** @module The brain's pure domain code: the TASKS.md mission format and text embedders. */
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
export * from "./missions/tasksMd.js";
