-- Schema 2: the shared desk. Learners may protect their profile with a PIN, a profile can
-- be archived instead of deleted, each learner keeps their own language and theme, and a
-- facilitator password guards the profile management.
--
-- Only columns with defaults are added, so every schema-1 row stays valid as it is.

-- An argon2id PHC string ("$argon2id$v=19$..."), never the PIN itself; NULL = no PIN.
ALTER TABLE learners ADD COLUMN pin_hash TEXT;
-- Wrong PINs in a row since the last right one or the last pause.
ALTER TABLE learners ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0);
-- Pauses so far, so that each pause is longer than the one before; back to 0 on a right
-- PIN or when a facilitator sets the PIN again.
ALTER TABLE learners ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0);
-- When the current pause ends (UTC RFC 3339, like every timestamp); NULL or past = none.
ALTER TABLE learners ADD COLUMN locked_until TEXT;
-- NULL = active. Archiving hides a learner from the picker and keeps every record of theirs.
ALTER TABLE learners ADD COLUMN archived_at TEXT;
-- Preferences per learner, as the UI names them ("fr", "high-contrast"); NULL = default.
ALTER TABLE learners ADD COLUMN language TEXT;
ALTER TABLE learners ADD COLUMN theme TEXT;

-- Names are unique ignoring case, but that is checked in the write transaction, not by an
-- index: SQLite's NOCASE folds only ASCII (names here are in any script), and schema-1
-- files may already hold two "Amina"s, which a unique index would refuse to upgrade.

-- Settings of the whole installation, one row each. Known keys:
--   facilitator_password  an argon2id PHC string of the facilitator's password
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
