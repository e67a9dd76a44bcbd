-- The partnership's view across audits (issue 12) reads one tenant's documents, and the grades of its submitted returns
-- without reading the returns themselves (a five-year partnership has over ten thousand, each holding every answer).
-- Documents are listed by tenant without regard to case (tenant ids are GUIDs; lower() folds ASCII).
CREATE INDEX ix_documents_tenant_key ON documents (collection, lower(tenant_id));

-- One row per submitted return whose grade is a level of its audit's scale: its tenant (lower case), audit, agency, the
-- level's label and rank (1 is best) and how many levels the scale has, stored in (tenant, audit) order so that the
-- view reads one range per audit. Kept by the triggers below whatever writes a return (a turn, a job, a purge); a
-- return that is not submitted or not graded has no row.
CREATE TABLE return_grades (
    tenant_key    TEXT    NOT NULL,
    audit_id      TEXT    NOT NULL,
    return_id     TEXT    NOT NULL,
    agency_name   TEXT    NULL,
    grade_label   TEXT    NULL,
    grade_rank    INTEGER NULL,
    scale_levels  INTEGER NULL,
    PRIMARY KEY (tenant_key, audit_id, return_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX ix_return_grades_return ON return_grades (return_id);

-- A document that is not valid JSON reads as {} (no row), so a trigger never refuses a write.
CREATE TRIGGER return_grades_on_insert AFTER INSERT ON documents
WHEN NEW.collection = 'audit-returns'
BEGIN
    INSERT INTO return_grades (return_id, tenant_key, audit_id, agency_name, grade_label, grade_rank, scale_levels)
    SELECT NEW.id, lower(COALESCE(json_extract(d.j, '$.tenantId'), '')), COALESCE(json_extract(d.j, '$.auditId'), ''),
           json_extract(d.j, '$.agencyName'), json_extract(level.value, '$.label'), json_extract(level.value, '$.rank'),
           json_array_length(d.j, '$.gradeScale.levels')
    FROM (SELECT CASE WHEN json_valid(NEW.json) THEN NEW.json ELSE '{}' END AS j) AS d,
         json_each(d.j, '$.gradeScale.levels') AS level
    WHERE json_extract(d.j, '$.status') = 'Submitted'
      AND json_type(d.j, '$.gradeScale.levels') = 'array'
      AND json_type(level.value) = 'object'
      AND lower(json_extract(level.value, '$.key')) = lower(json_extract(d.j, '$.gradeKey'))
    ORDER BY level.key
    LIMIT 1;
END;

CREATE TRIGGER return_grades_on_update AFTER UPDATE ON documents
WHEN NEW.collection = 'audit-returns'
BEGIN
    DELETE FROM return_grades WHERE return_id = OLD.id;
    INSERT INTO return_grades (return_id, tenant_key, audit_id, agency_name, grade_label, grade_rank, scale_levels)
    SELECT NEW.id, lower(COALESCE(json_extract(d.j, '$.tenantId'), '')), COALESCE(json_extract(d.j, '$.auditId'), ''),
           json_extract(d.j, '$.agencyName'), json_extract(level.value, '$.label'), json_extract(level.value, '$.rank'),
           json_array_length(d.j, '$.gradeScale.levels')
    FROM (SELECT CASE WHEN json_valid(NEW.json) THEN NEW.json ELSE '{}' END AS j) AS d,
         json_each(d.j, '$.gradeScale.levels') AS level
    WHERE json_extract(d.j, '$.status') = 'Submitted'
      AND json_type(d.j, '$.gradeScale.levels') = 'array'
      AND json_type(level.value) = 'object'
      AND lower(json_extract(level.value, '$.key')) = lower(json_extract(d.j, '$.gradeKey'))
    ORDER BY level.key
    LIMIT 1;
END;

CREATE TRIGGER return_grades_on_delete AFTER DELETE ON documents
WHEN OLD.collection = 'audit-returns'
BEGIN
    DELETE FROM return_grades WHERE return_id = OLD.id;
END;

-- The returns stored before this script: rewriting a document with itself runs the trigger (version and time unchanged).
UPDATE documents SET json = json WHERE collection = 'audit-returns';
