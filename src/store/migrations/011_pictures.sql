-- 011: learners' pictures and picture PINs.
--
-- A learner who cannot read her name finds her row by a picture: a symbol and a colour,
-- each kept as a short word (`sun`, `red`) that never changes, so a new order of the
-- symbols on screen changes nobody's picture. Learners from before have none (NULL) and
-- keep working exactly as they did; they can choose one in their profile.
--
-- `pin_pictures` says whether the PIN in `pin_hash` is three pictures rather than digits:
-- the same argon2id hash, the same count of wrong tries and the same pauses, so only the
-- screen that asks for it changes. Removing or resetting the PIN clears it with the hash.
ALTER TABLE learners ADD COLUMN picture TEXT;
ALTER TABLE learners ADD COLUMN picture_colour TEXT;
ALTER TABLE learners ADD COLUMN pin_pictures INTEGER NOT NULL DEFAULT 0 CHECK (pin_pictures IN (0, 1));
