-- 009: the database's own id, made once and never changed, and a count of its commits.
--
-- Every write transaction adds one to `commits` (see Store::transact), so every commit that
-- reaches the write-ahead log (hatua.db-wal) carries this table's one page, and with it the
-- id. SQLite replays any well-formed -wal it finds beside a database, even one written for
-- another database (a data folder copied by hand from another computer), and the result
-- often passes its own checks. Before opening, Hatua reads the id from the file alone and
-- from the file with its -wal: two different ids mean the -wal is someone else's, and it is
-- set aside instead of being replayed. (A write that changes nothing is not written at all,
-- hence the count rather than touching the id.)
CREATE TABLE identity (
    id      TEXT NOT NULL,
    commits INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO identity (id) VALUES (lower(hex(randomblob(16))));
