-- A return whose JSON holds the escape \u0000 (say, in a name) could not be written at all: jsonb has no U+0000, so the
-- cast in return_grades_keep (0500) failed with untranslatable_character, which it did not catch, and the write failed
-- with it. The same function, catching that error as it catches invalid_text_representation: such a return is stored
-- and, like any document jsonb cannot read, has no return_grades row. (The bot refuses U+0000 in activities at the door;
-- this keeps a document from any other source writable.) PostgreSQL only: SQLite's json functions read the escape.
CREATE OR REPLACE FUNCTION return_grades_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM return_grades WHERE return_id = OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN NULL;
    END IF;
    BEGIN
        doc := NEW.json::jsonb;
    EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
        RETURN NULL;
    END;
    IF jsonb_typeof(doc) = 'object' AND doc ->> 'status' = 'Submitted'
       AND jsonb_typeof(doc -> 'gradeScale' -> 'levels') = 'array' THEN
        INSERT INTO return_grades (return_id, tenant_key, audit_id, agency_name, grade_label, grade_rank, scale_levels)
        SELECT NEW.id, lower(COALESCE(doc ->> 'tenantId', '')), COALESCE(doc ->> 'auditId', ''), doc ->> 'agencyName', l.level ->> 'label',
               CASE WHEN jsonb_typeof(l.level -> 'rank') = 'number' THEN (l.level ->> 'rank')::numeric::integer END,
               jsonb_array_length(doc -> 'gradeScale' -> 'levels')
        FROM jsonb_array_elements(doc -> 'gradeScale' -> 'levels') WITH ORDINALITY AS l(level, n)
        WHERE jsonb_typeof(l.level) = 'object' AND lower(l.level ->> 'key') = lower(doc ->> 'gradeKey')
        ORDER BY l.n
        LIMIT 1;
    END IF;
    RETURN NULL;
END;
$$;
