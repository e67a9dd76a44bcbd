-- The partnership's view across audits (issue 12) reads one tenant's documents, and the grades of its submitted returns
-- without reading the returns themselves (a five-year partnership has over ten thousand, each holding every answer).
-- Documents are listed by tenant without regard to case (tenant ids are GUIDs; lower() folds ASCII).
CREATE INDEX ix_documents_tenant_key ON documents (collection, lower(tenant_id));

-- One row per submitted return whose grade is a level of its audit's scale: its tenant (lower case), audit, agency, the
-- level's label and rank (1 is best) and how many levels the scale has, stored in (tenant, audit) order so that the
-- view reads one range per audit. Kept by the triggers below whatever writes a return (a turn, a job, a purge); a
-- return that is not submitted or not graded has no row.
CREATE TABLE return_grades (
    tenant_key    text    NOT NULL,
    audit_id      text    NOT NULL,
    return_id     text    NOT NULL,
    agency_name   text    NULL,
    grade_label   text    NULL,
    grade_rank    integer NULL,
    scale_levels  integer NULL,
    PRIMARY KEY (tenant_key, audit_id, return_id)
);
CREATE UNIQUE INDEX ix_return_grades_return ON return_grades (return_id);

CREATE FUNCTION return_grades_keep() RETURNS trigger LANGUAGE plpgsql AS $$
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
    EXCEPTION WHEN invalid_text_representation THEN
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

CREATE TRIGGER return_grades_on_write AFTER INSERT OR UPDATE ON documents
FOR EACH ROW WHEN (NEW.collection = 'audit-returns') EXECUTE FUNCTION return_grades_keep();
CREATE TRIGGER return_grades_on_delete AFTER DELETE ON documents
FOR EACH ROW WHEN (OLD.collection = 'audit-returns') EXECUTE FUNCTION return_grades_keep();

-- The returns stored before this script: rewriting a document with itself runs the trigger (version and time unchanged).
UPDATE documents SET json = json WHERE collection = 'audit-returns';
