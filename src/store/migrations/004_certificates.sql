-- 004: certificates, kept so that a certificate's code can be checked against the records.
-- Append-only: issuing again adds a row; nothing is updated.
CREATE TABLE certificates (
    code           TEXT PRIMARY KEY NOT NULL,
    learner_id     TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    learner_name   TEXT NOT NULL,
    course_id      TEXT NOT NULL,
    course_title   TEXT NOT NULL,
    course_version TEXT NOT NULL,
    score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    issued_on      TEXT NOT NULL,
    issued_at      TEXT NOT NULL
) STRICT;
CREATE INDEX certificates_by_learner ON certificates (learner_id, course_id);
