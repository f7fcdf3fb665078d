-- 010: when each item was first touched and first finished, kept with its status.
--
-- Reports give each course's median time to complete, from a learner's first record in the
-- course to the time her last required item was first finished. Reading those times from
-- the status history (`completions`, every change ever made) took most of a report's time
-- at a hub of 2,000 learners; kept here, written with each status, a report reads this one
-- table. Both are the earliest time in `completions` for the item: any status for
-- `first_at`, `done` or `passed` for `done_at`.
ALTER TABLE item_progress ADD COLUMN first_at TEXT;
ALTER TABLE item_progress ADD COLUMN done_at TEXT;

UPDATE item_progress SET
    first_at = (
        SELECT min(c.recorded_at) FROM completions c
        WHERE c.learner_id = item_progress.learner_id
          AND c.course_id = item_progress.course_id
          AND c.item_id = item_progress.item_id
    ),
    done_at = (
        SELECT min(c.recorded_at) FROM completions c
        WHERE c.learner_id = item_progress.learner_id
          AND c.course_id = item_progress.course_id
          AND c.item_id = item_progress.item_id
          AND c.status IN ('done', 'passed')
    );
