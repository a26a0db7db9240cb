-- pgvector powers semantic memory (384-d embeddings). Needs a superuser on plain Postgres.
CREATE EXTENSION IF NOT EXISTS vector;
