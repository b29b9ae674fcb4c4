-- Schema 4: near-duplicates. Lightly edited reprints are imported, flagged and linked to the
-- article they repeat (see near_duplicates/mod.rs). Signatures are computed by the engine
-- after this migration, for the articles already here too (near_duplicates::ensure_signatures).

-- One MinHash signature per article with enough body text: 128 little-endian u32 values.
CREATE TABLE near_duplicate_signatures (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature   BLOB NOT NULL
);

-- The LSH bands of each signature: articles sharing a band_key are candidates.
CREATE TABLE near_duplicate_bands (
    band_key    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
-- Without it, deleting an article would scan every band row to cascade.
CREATE INDEX near_duplicate_bands_article ON near_duplicate_bands(article_id);

-- A flagged pair, stored once with the lower id first. `not_duplicate` is the archivist's
-- "keep both"; deleting either article removes the pair.
CREATE TABLE near_duplicates (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    other_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity  REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'not_duplicate')),
    PRIMARY KEY (article_id, other_id),
    CHECK (article_id < other_id)
) WITHOUT ROWID;
CREATE INDEX near_duplicates_other ON near_duplicates(other_id);
CREATE INDEX near_duplicates_open ON near_duplicates(status, other_id);
