-- 003: the text a learner read. When a lesson is marked read, the hash of its text is kept,
-- so a later version of the course can show "updated" on a lesson whose text changed since.
ALTER TABLE item_progress ADD COLUMN content_hash TEXT;
