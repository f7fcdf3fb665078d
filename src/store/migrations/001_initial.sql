-- Schema 1: learners, their progress, and the facts behind it.
--
-- The schema version lives in PRAGMA user_version, not in a meta table: SQLite keeps it in
-- the file header, so it can be read before anything else touches the file (to refuse a
-- newer schema without changing it), and the runner sets it in the same transaction as the
-- migration, so a power cut leaves either the old schema or the new one.
--
-- application_id marks the file as Hatua's, so that `hatua` pointed at some other SQLite
-- file refuses it instead of adding tables to it. 1212240981 = 0x48415455, "HATU".
PRAGMA application_id = 1212240981;

-- Timestamps are UTC RFC 3339 text with milliseconds and a Z ("2026-11-28T15:04:05.123Z"):
-- fixed width, so text order is time order, and export needs no conversion.
-- Ids are UUID v4 text, so records from many sites merge without clashes.

CREATE TABLE learners (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT
) STRICT;

-- Current state per item, derived from the facts below; the one table that is updated in
-- place, because resuming needs the latest position without replaying history.
CREATE TABLE item_progress (
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    course_id  TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    status     TEXT NOT NULL
        CHECK (status IN ('not-started', 'in-progress', 'done', 'passed', 'failed')),
    position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (learner_id, course_id, item_id)
) STRICT, WITHOUT ROWID;

-- Every status change as it happened, including a failure after a pass, which
-- item_progress does not show.
CREATE TABLE completions (
    id          TEXT PRIMARY KEY NOT NULL,
    learner_id  TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    course_id   TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    status      TEXT NOT NULL
        CHECK (status IN ('not-started', 'in-progress', 'done', 'passed', 'failed')),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX completions_by_item ON completions (learner_id, course_id, item_id, recorded_at);

-- Where each learner resumes.
CREATE TABLE places (
    learner_id TEXT PRIMARY KEY NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    course_id  TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The course version and the shuffle seed are kept so that an attempt can be shown again
-- exactly as it was asked, even after the course is upgraded.
CREATE TABLE attempts (
    id             TEXT PRIMARY KEY NOT NULL,
    learner_id     TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    course_id      TEXT NOT NULL,
    course_version TEXT NOT NULL,
    quiz_id        TEXT NOT NULL,
    seed           INTEGER NOT NULL,
    -- The questions asked and the order of their options (`quiz::AttemptPlan`), so a review
    -- shows exactly what was asked even after the quiz changes.
    plan           TEXT NOT NULL,
    started_at     TEXT NOT NULL
) STRICT;
CREATE INDEX attempts_by_quiz ON attempts (learner_id, course_id, quiz_id, started_at);

-- The UNIQUE constraint is what stops a question being answered twice in one attempt, and
-- its index serves the lookups by attempt.
CREATE TABLE answers (
    id          TEXT PRIMARY KEY NOT NULL,
    attempt_id  TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    response    TEXT NOT NULL,
    score       REAL NOT NULL,
    max_score   REAL NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    answered_at TEXT NOT NULL,
    UNIQUE (attempt_id, question_id)
) STRICT;

-- A separate table rather than nullable columns on attempts: the primary key makes finishing
-- an attempt happen once, and attempts stay append-only.
CREATE TABLE attempt_results (
    attempt_id  TEXT PRIMARY KEY NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    score       REAL NOT NULL,
    max_score   REAL NOT NULL,
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    finished_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
