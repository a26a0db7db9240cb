-- Search's first pass reads 16-bit copies of the vectors (half the bytes, so half the index pages per
-- user) and re-ranks its candidates with the full vectors; the bound that keeps the answer exact is in
-- server/memory/store.ts. The covering index carries the half vectors instead of the full ones.
-- The full vector stays in the row (storage PLAIN: never moved to the TOAST table), so the re-rank
-- reads it with the row instead of a TOAST lookup per candidate; the half copy may be moved out of
-- line instead, as search reads it from the index. Adding a stored generated column rewrites the
-- table (about a minute per million memories), which applies the new storage to every row.
ALTER TABLE "memories" ALTER COLUMN "embedding" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "memories" ADD COLUMN "embedding_half" halfvec(384) GENERATED ALWAYS AS (l2_normalize(embedding)::halfvec(384)) STORED;--> statement-breakpoint
DROP INDEX IF EXISTS "memories_user_cover_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memories_user_cover_idx" ON "memories" USING btree ("user_id") INCLUDE ("id", "embedding_half", "embedding_model", "expires_at", "kind");
