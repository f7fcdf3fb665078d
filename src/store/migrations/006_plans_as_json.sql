-- 006: an attempt's plan as JSON, `[{"id":"q1","options":[2,0,1]}, ...]`, rather than the
-- hand-made `q1=2,0,1;q2=0,1`: a format every tool reads, and room to grow.
--
-- Existing plans are rewritten in place. Each `id=order` part becomes one object; the order,
-- a list of whole numbers, becomes a JSON array as it is. A part that is not of that form
-- (none was ever written so) keeps its id with no options, and the player then draws the
-- attempt's questions again from its seed.
UPDATE attempts SET plan = '[]' WHERE plan = '';

WITH RECURSIVE parts (attempt_id, n, part, rest) AS (
    SELECT id, 0, '', plan || ';' FROM attempts WHERE plan NOT LIKE '[%'
    UNION ALL
    SELECT attempt_id, n + 1,
           substr(rest, 1, instr(rest, ';') - 1),
           substr(rest, instr(rest, ';') + 1)
    FROM parts WHERE rest <> ''
)
UPDATE attempts SET plan = (
    SELECT json_group_array(json_object(
        'id', CASE WHEN instr(part, '=') > 0 THEN substr(part, 1, instr(part, '=') - 1) ELSE part END,
        'options', CASE
            WHEN instr(part, '=') > 0
                 AND json_valid('[' || substr(part, instr(part, '=') + 1) || ']')
            THEN json('[' || substr(part, instr(part, '=') + 1) || ']')
            ELSE json('[]')
        END))
    FROM (SELECT part FROM parts WHERE parts.attempt_id = attempts.id AND n > 0 ORDER BY n)
)
WHERE plan NOT LIKE '[%';
