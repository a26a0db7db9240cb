// Text → 384-d vectors for semantic memory: OpenAI text-embedding-3-small (dimensions 384) when
// configured, otherwise a deterministic hashing embedder that needs no network and makes lexical
// neighbours close. Every vector comes back with the id of the model that made it.
import "server-only";
import { embedMany } from "ai";
import { EMBEDDING_DIMENSIONS, embeddingModel } from "./providers";

export interface Embedded {
  vectors: number[][];
  modelId: string;
}

/** How many texts go to the embedding API in one request. */
const API_BATCH = 96;

/** FNV-1a, 32-bit: stable across processes and platforms (unlike any built-in hash). */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function words(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The hashing embedder: word unigrams (weight 1), word bigrams (0.7) and character 3-grams of each
 * padded word (0.4), each hashed into one of 384 buckets with a hashed sign, then L2-normalised.
 * Texts that share words or word pieces ("plan"/"planning") end up close in cosine distance.
 */
export function hashEmbed(text: string): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
    v[h % EMBEDDING_DIMENSIONS] = (v[h % EMBEDDING_DIMENSIONS] ?? 0) + sign * weight;
  };
  const ws = words(text);
  ws.forEach((w, i) => {
    add(`w:${w}`, 1);
    const next = ws[i + 1];
    if (next) add(`b:${w} ${next}`, 0.7);
    const padded = `^${w}$`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.4);
  });
  let norm = Math.hypot(...v);
  if (norm === 0) {
    // Nothing to hash (empty or punctuation only): a fixed unit vector, so distances stay defined.
    v[0] = 1;
    norm = 1;
  }
  return v.map((x) => x / norm);
}

/** Embeds texts in batches with the configured model. */
export async function embedTexts(texts: string[], abortSignal?: AbortSignal): Promise<Embedded> {
  const choice = embeddingModel();
  if (choice.kind === "hash") return { vectors: texts.map(hashEmbed), modelId: choice.modelId };
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += API_BATCH) {
    const { embeddings } = await embedMany({
      model: choice.model,
      values: texts.slice(i, i + API_BATCH),
      abortSignal,
      providerOptions: { openai: { dimensions: EMBEDDING_DIMENSIONS } },
    });
    for (const e of embeddings) {
      if (e.length !== EMBEDDING_DIMENSIONS) {
        throw new Error(`embedding model ${choice.modelId} returned ${e.length} dimensions, expected ${EMBEDDING_DIMENSIONS}`);
      }
      vectors.push(e);
    }
  }
  return { vectors, modelId: choice.modelId };
}

/** The id of the model embedTexts uses now (rows with another id need re-embedding). */
export function currentEmbeddingModelId(): string {
  return embeddingModel().modelId;
}

export interface EmbedderInfo {
  modelId: string;
  dimensions: number;
  /** "hash": the local hashing embedder; otherwise the provider of a remote model. */
  provider: "hash" | "openai" | "test";
  /** Local embedders are cheap enough to run inside the user's request; remote ones run in a job. */
  local: boolean;
}

/** Which embedder is in use, for the memory page and for deciding where embedding happens. */
export function describeEmbedder(): EmbedderInfo {
  const choice = embeddingModel();
  if (choice.kind === "hash") return { modelId: choice.modelId, dimensions: EMBEDDING_DIMENSIONS, provider: "hash", local: true };
  return {
    modelId: choice.modelId,
    dimensions: EMBEDDING_DIMENSIONS,
    provider: choice.provider === "test" ? "test" : "openai",
    local: false,
  };
}

/** pgvector's text form, for `${toVectorLiteral(v)}::vector` in SQL. */
export function toVectorLiteral(v: number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;
}
