-- Schema 6: the full-text index merges its segments eight at a time instead of four.
--
-- FTS5 merges a level of segments into one once `automerge` of them have piled up, so every
-- term is rewritten about log_automerge(segments) times over an archive's life. With 4 (the
-- default) a bulk import spent a good part of its time rewriting what it had just written;
-- with 8 each term is rewritten fewer times. Searches read at most seven segments per level
-- instead of three: at 100,000 articles the search benchmark's p50 and p99 did not move
-- (BENCHMARKS.md). The setting is stored in the index itself.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
