-- 005: what a shared desk needs beyond one profile per person.
--
-- A deleted learner's certificates stay checkable: what each said, without the name, so
-- `certificate verify` can answer "issued on … for course …; the holder's profile has since
-- been deleted" instead of "never issued". Append-only, like certificates.
CREATE TABLE retired_certificates (
    code           TEXT PRIMARY KEY NOT NULL,
    course_id      TEXT NOT NULL,
    course_title   TEXT NOT NULL,
    course_version TEXT NOT NULL,
    score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    issued_on      TEXT NOT NULL,
    retired_at     TEXT NOT NULL
) STRICT;

-- More attempts at one quiz for one learner, granted by a facilitator: who and when are
-- kept with each grant, and a quiz's limit counts them all.
CREATE TABLE attempt_grants (
    id          TEXT PRIMARY KEY NOT NULL,
    learner_id  TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    course_id   TEXT NOT NULL,
    quiz_id     TEXT NOT NULL,
    extra       INTEGER NOT NULL CHECK (extra BETWEEN 1 AND 100),
    granted_by  TEXT NOT NULL,
    granted_at  TEXT NOT NULL
) STRICT;
CREATE INDEX attempt_grants_by_quiz ON attempt_grants (learner_id, course_id, quiz_id);

-- Two profiles of one person merged into one: the records moved to `into_id`, and this row
-- keeps the old id so that records exported under it can still be matched.
CREATE TABLE merged_learners (
    old_id    TEXT PRIMARY KEY NOT NULL,
    into_id   TEXT NOT NULL,
    merged_at TEXT NOT NULL
) STRICT;
