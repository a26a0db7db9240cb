// The memory layer: what the coach remembers about one user, in three tiers with their own
// lifetimes (short-term 1 h, working 24 h, long-term forever) plus semantic search over all of it.
// Every function takes the owner's user id and filters by it; `cleanup` and the start-up re-embed
// check alone work across users.
//
//   store.ts    remember, recall, search, forget, forgetAll, cleanup
//   pending.ts  memories waiting for a vector: embedPending (the jobs' body), counts, start-up check
//   context.ts  getUserContext: recent, similar (by kind) and newest-of-kind memories, mood, focus, streak, preferences
//   events.ts   what other layers remember: preferences.updated, task.steps_edited
//
// Why semantic search is an EXACT per-user scan, with no HNSW index:
// a user's search must return exactly min(k, that user's rows) nearest memories and never another
// user's row. Measured on this machine (pgvector 0.8, 384-d, clustered data), an HNSW scan with the
// user filter applied after it returns 3 of 10 rows (recall 0.25 at ef_search 40; 0.82–0.98 even with
// hnsw.iterative_scan), while an exact scan of the user's rows through an index on user_id has recall
// 1.0 and is fast (p95 ≈ 1 ms at 100 memories a user, 3–5 ms at 1,000, ≈ 10 ms at 10,000 with the
// covering index `(user_id) INCLUDE (id, embedding)`). Worse, with an HNSW index present Postgres
// picks it by itself for heavy users (≈ 1% of the table) and their recall silently drops to 0.5.
// So every distance the search orders by is written `(... <=> q) + 0`: an expression no vector index
// can serve, which keeps the planner on the per-user index even if someone adds an HNSW index later.
// An approximate path (HNSW with `SET LOCAL hnsw.iterative_scan`) belongs only where a user's
// memories outgrow exact search, with its recall measured — not here.
//
// Two passes, still exact: a first pass over 16-bit copies of the vectors (`embedding_half`, kept by
// Postgres as a generated column: the embedding scaled to length 1 and rounded to halfvec), then a
// re-rank of the candidates with the full vectors. Rounding moves any cosine distance by less than
// HALF_DISTANCE_ERROR (1.5e-3; the derivation is in store.ts and a test checks it on vectors of every
// scale), so the re-ranked answer is proven exact when the k-th full distance is nearer than the
// first pass's pool edge minus that bound; when it is not (many memories at nearly one distance, e.g.
// the same sentence every day) a bounded statement re-ranks every row that could still belong. Why:
// a search's time goes to reading the user's index entries; with the 1.5 KB vector in each entry 4
// fit a page, with the 0.8 KB half vector 9 do (1.1M memories: covering index 2.5 GB → 1.1 GB).
//
// What a search costs (EXPLAIN (ANALYZE, BUFFERS) on the bench database, 2026-11-23): an index-only
// scan of the user's entries in memories_user_cover_idx (no heap fetches once VACUUM has set the
// visibility map — a migration that rewrites the table needs one), a top-k sort, then k + 10
// primary-key lookups for the re-rank (the full vector is kept in the row, storage PLAIN, so no TOAST
// lookup follows): ≈ 110 index pages for 1,000 memories, 1,250 for 10,000. Pages not in
// shared_buffers are read from the OS cache; on this machine a search costs roughly 1 ms of server
// CPU plus 1.1 µs per memory of the user (bench: 2.4 ms at 1,000, 11.8 ms at 10,000). The app
// builds the statement once (prepared, parameters typed by their casts: a cast of a parameter such
// as `$1::text::vector` runs once per row under a generic plan — 8 ms → 240 ms of server CPU per
// search for a heavy user, measured).
//
// When embedding happens (never on the user's request path when it would cost a network call):
// - The local hashing embedder costs microseconds, so `remember` embeds inline.
// - A remote model (OpenAI or compatible): `remember` stores the row with no vector and sends
//   `memory/embed`; that job (debounced per user) embeds the user's pending rows in batches.
// - Search with a remote model embeds the query together with the user's newest not-yet-embedded
//   rows (at most SEARCH_CATCH_UP, one embedding request), so what was just remembered is found
//   before the job runs; older stragglers wait for the job. The local embedder needs no catch-up.
// - Vectors from different models are not comparable, so search reads only rows embedded by the
//   current model. When the configured model changes, the start-up check finds every user with
//   stale (or never-embedded) rows through the (embedding_model, user_id) index and sends each a
//   `memory/reembed` job; until it finishes, those rows are missing from search, never wrong.
import "server-only";

export { memoryTiers, type MemoryTier } from "../db/schema";
export { getUserContext, MAX_CONTEXT_KINDS, MAX_PER_KIND, type UserContext, type UserContextOptions, type UserPreferences } from "./context";
export { describeStepEdit, rememberPreferencesUpdated, type StepSnapshot } from "./events";
export { countPending, embedPending, memoryStatus, type MemoryStatus, usersWithPendingEmbeddings } from "./pending";
export { type MemoryHit, type MemoryItem } from "./rows";
export {
  cleanup,
  forget,
  forgetAll,
  MAX_CONTENT_LENGTH,
  MAX_SEARCH_K,
  recall,
  remember,
  type RecallInput,
  type RememberInput,
  search,
  searchByVectors,
  SEARCH_CATCH_UP,
  type SearchInput,
  TIER_TTL_MS,
  type VectorSearch,
} from "./store";
