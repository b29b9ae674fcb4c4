-- Schema 1: the archive as described in PRODUCT.md's data model.
-- Shipped migrations are never edited; a change is a new file appended to MIGRATIONS.

-- 'ARSH' in ASCII: lets us tell an Arshif archive from any other SQLite file.
PRAGMA application_id = 1095914312;

CREATE TABLE publications (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- The analyzer's normal form of the name: one publication however it is spelled.
    key         TEXT NOT NULL UNIQUE
);

-- Other spellings of a publication (هسبريس / Hespress), by their normal form.
CREATE TABLE publication_aliases (
    key             TEXT PRIMARY KEY,
    alias           TEXT NOT NULL,
    publication_id  INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    -- Sort key for titles: normalized, without the article ال, so "الرباط" sorts under ر.
    title_key       TEXT NOT NULL,
    body            TEXT NOT NULL,
    publication_id  INTEGER REFERENCES publications(id) ON DELETE SET NULL,
    authors         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
    section         TEXT,
    page            TEXT,
    url             TEXT,
    language        TEXT,
    published_date  TEXT CHECK (published_date IS NULL OR published_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_text       TEXT,
    hijri_date      TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    -- sha256 of the normalized title and body: the same story saved twice is found by it.
    text_hash       TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    modified_at     TEXT NOT NULL
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_published_date ON articles(published_date);
CREATE INDEX articles_imported_at ON articles(imported_at);
CREATE INDEX articles_title_key ON articles(title_key);
CREATE INDEX articles_publication ON articles(publication_id);

-- The original file bytes, stored once per distinct file (content-addressed), so that nothing a
-- user imports is ever lost, even when our parsing of it was wrong.
CREATE TABLE originals (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    bytes   BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE provenance (
    article_id          INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    file_name           TEXT NOT NULL,
    file_path           TEXT NOT NULL,
    file_sha256         TEXT NOT NULL REFERENCES originals(sha256),
    encoding            TEXT NOT NULL,
    importer            TEXT NOT NULL,
    -- What the importer cut from the text (site boilerplate), verbatim.
    boilerplate_removed TEXT NOT NULL DEFAULT ''
);
CREATE INDEX provenance_file_sha256 ON provenance(file_sha256);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    -- As the user typed it; may be a path such as "أمن/تعاون دولي".
    name        TEXT NOT NULL,
    -- The analyzer's normal form: "ميزانيه" and "ميزانية" are one tag.
    key         TEXT NOT NULL UNIQUE,
    colour      TEXT CHECK (colour IS NULL OR colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    created_at  TEXT NOT NULL
);

CREATE TABLE article_tags (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

-- A saved search is live: its query text is run again each time.
CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Basic full-text index over the articles (external content: the text is stored once).
-- The Arabic analyzer replaces this tokenizer in a later schema.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
