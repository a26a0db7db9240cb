-- Exact per-user semantic search finds a user's nearest memory ids with an index-only scan of this
-- index (every column its filters read is here), then fetches just those k rows. drizzle-kit cannot
-- express INCLUDE, hence a custom migration. No HNSW index: see server/memory/index.ts.
CREATE INDEX IF NOT EXISTS "memories_user_cover_idx" ON "memories" USING btree ("user_id") INCLUDE ("id", "embedding", "embedding_model", "expires_at", "kind");
