-- 008: records sent on to a Learning Record Store. What an LRS acknowledged is not sent to
-- it again; what it rejected is tried again at the next sync, and its reason kept.

-- Each statement an LRS acknowledged (stored now, or held already), by the LRS's address.
CREATE TABLE synced (
    lrs          TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    PRIMARY KEY (lrs, statement_id)
) STRICT, WITHOUT ROWID;

-- Each statement an LRS refused, with its answer: shown to the facilitator, sent again
-- next time (the LRS or the records may have been put right since).
CREATE TABLE sync_rejected (
    lrs          TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (lrs, statement_id)
) STRICT, WITHOUT ROWID;

-- Each sync: when, where, and what came of it (NULL counts while it runs or if it was cut).
CREATE TABLE syncs (
    id          TEXT PRIMARY KEY NOT NULL,
    lrs         TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    sent        INTEGER NOT NULL DEFAULT 0,
    there       INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT
) STRICT;
