-- Every object belongs to a tenant, and so does every person an audit or an action names: an agency's representative and
-- named lead (in the audit's document) and an action's named lead (in the action's) were recorded by object id alone, and
-- an object id is unique only within its tenant. The bot now records each with its tenant, the audit's or the action's own
-- (the people are chosen from that organisation's team); this fills in those stored before, from the same place. An
-- audit recorded without a tenant (development, no organisation) is left as it is, and so is a document that is not
-- JSON. Rewritten rows lose their stamp, so no instance reuses a text it kept from before (SqlDocumentStore); the version
-- stays, as in 0500: nothing a person did changed. (Inside json_each, "json" names its own column: documents.json is meant.)
UPDATE documents
SET stamp = NULL,
    json = json_set(json, '$.agencies', json((
        SELECT json_group_array(json(
                   CASE WHEN json_type(p.agency, '$.namedLead') = 'object'
                        THEN json_set(p.agency, '$.namedLead.tenantId', json_extract(documents.json, '$.tenantId'))
                        ELSE p.agency END))
        FROM (SELECT CASE WHEN json_type(a.value, '$.representative') = 'object'
                          THEN json_set(a.value, '$.representative.tenantId', json_extract(documents.json, '$.tenantId'))
                          ELSE a.value END AS agency
              FROM json_each(documents.json, '$.agencies') AS a
              ORDER BY a.key) AS p)))
WHERE collection = 'audits'
  AND CASE WHEN json_valid(json) AND json_type(json, '$.tenantId') = 'text' AND json_extract(json, '$.tenantId') <> ''
                AND json_type(json, '$.agencies') = 'array'
           THEN NOT EXISTS (SELECT 1 FROM json_each(documents.json, '$.agencies') AS a WHERE a.type <> 'object')
                AND EXISTS (SELECT 1 FROM json_each(documents.json, '$.agencies') AS a
                            WHERE (json_type(a.value, '$.representative') = 'object'
                                   AND COALESCE(json_type(a.value, '$.representative.tenantId'), 'null') <> 'text')
                               OR (json_type(a.value, '$.namedLead') = 'object'
                                   AND COALESCE(json_type(a.value, '$.namedLead.tenantId'), 'null') <> 'text'))
           ELSE 0 END;

UPDATE documents
SET stamp = NULL,
    json = json_set(json, '$.lead.person.tenantId', json_extract(json, '$.tenantId'))
WHERE collection = 'actions'
  AND CASE WHEN json_valid(json) AND json_type(json, '$.tenantId') = 'text' AND json_extract(json, '$.tenantId') <> ''
           THEN json_type(json, '$.lead.person') = 'object'
                AND COALESCE(json_type(json, '$.lead.person.tenantId'), 'null') <> 'text'
           ELSE 0 END;
