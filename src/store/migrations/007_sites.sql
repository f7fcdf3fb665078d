-- 007: records that travel. A desk exports its records to a drive; a hub (an ordinary data
-- folder) merges the exports of many sites.

-- NULL for a learner of this desk; the site's id for one whose records were merged here
-- from that site's export. Only this desk's learners are listed, sign in or hold a name.
ALTER TABLE learners ADD COLUMN site_id TEXT;
CREATE INDEX learners_by_site ON learners (site_id);

-- The sites whose exports were merged here, with the key their exports are signed with.
CREATE TABLE sites (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    public_key      TEXT NOT NULL,
    first_merged_at TEXT NOT NULL,
    last_merged_at  TEXT NOT NULL
) STRICT;

-- Each export written from this desk.
CREATE TABLE exports (
    id          TEXT PRIMARY KEY NOT NULL,
    file        TEXT NOT NULL,
    written_at  TEXT NOT NULL,
    with_names  INTEGER NOT NULL CHECK (with_names IN (0, 1)),
    learners    INTEGER NOT NULL,
    attempts    INTEGER NOT NULL,
    answers     INTEGER NOT NULL,
    completions INTEGER NOT NULL
) STRICT;

-- The records an export held, by kind and id (`answer:<id>`): the next export holds what is
-- not here. Bookkeeping only: a record exported twice is harmless downstream, where every
-- record keeps its id.
CREATE TABLE exported (
    record    TEXT PRIMARY KEY NOT NULL,
    export_id TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Each export file merged here, by the export's own id: the same file twice adds nothing.
CREATE TABLE merges (
    id        TEXT PRIMARY KEY NOT NULL,
    site_id   TEXT NOT NULL,
    file      TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    learners  INTEGER NOT NULL,
    attempts  INTEGER NOT NULL,
    answers   INTEGER NOT NULL,
    skipped   INTEGER NOT NULL
) STRICT;
