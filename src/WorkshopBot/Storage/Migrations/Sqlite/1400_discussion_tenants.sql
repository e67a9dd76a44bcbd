-- A team's discussion of a briefing belongs to the briefing's organisation, but it has no tenant of its own: it is stored
-- with its recorder's (tenant_id, and the tenant in recordedBy), which is the turn's. Discussions recorded before people's
-- tenants were kept have a recorder without one, so no turn of a tenant could read them: the chair's "teams that used
-- it", the reminders, the cross-audit tab and its workbook left them out. This gives each the tenant of its briefing
-- (the briefings document of its audit, whose id is the discussion's key1), in recordedBy and in tenant_id, never any
-- other. A discussion whose briefing is gone (purged) or has no tenant (development) is left without one, and so is one
-- that is not JSON or already has a tenant. Rewritten rows lose their stamp (SqlDocumentStore); the version stays, as in
-- 1300. Running it again changes nothing: every discussion it could fill has a tenant.
UPDATE documents
SET stamp = NULL,
    tenant_id = (SELECT json_extract(b.json, '$.tenantId') FROM documents AS b
                 WHERE b.collection = 'briefings' AND b.id = documents.key1),
    json = json_set(json, '$.recordedBy.tenantId', (SELECT json_extract(b.json, '$.tenantId') FROM documents AS b
                                                     WHERE b.collection = 'briefings' AND b.id = documents.key1))
WHERE collection = 'briefing-discussions'
  AND (tenant_id IS NULL OR tenant_id = '')
  AND CASE WHEN json_valid(json)
           THEN CASE WHEN json_type(json, '$.recordedBy') = 'object'
                          AND (COALESCE(json_type(json, '$.recordedBy.tenantId'), 'null') = 'null'
                               OR json_extract(json, '$.recordedBy.tenantId') = '')
                     THEN EXISTS (SELECT 1 FROM documents AS b
                                  WHERE b.collection = 'briefings' AND b.id = documents.key1
                                    AND CASE WHEN json_valid(b.json)
                                             THEN json_type(b.json, '$.tenantId') = 'text'
                                                  AND json_extract(b.json, '$.tenantId') <> ''
                                             ELSE 0 END)
                     ELSE 0 END
           ELSE 0 END;
