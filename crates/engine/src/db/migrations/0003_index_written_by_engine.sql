-- Schema 3: new articles reach the full-text index through the engine's write path
-- (articles::insert), not through an INSERT trigger.
--
-- A trigger makes every INSERT INTO articles a multi-write statement, which SQLite wraps in a
-- statement savepoint; FTS5 answers every savepoint by flushing its pending terms to disk as a
-- new segment. One segment per article then has to be merged again and again: measured, it was
-- half of all import time. The engine now inserts the index row itself, in the same
-- transaction as the article row. Updates and deletes are rare and one statement each, so
-- their triggers stay.
DROP TRIGGER articles_fts_insert;
