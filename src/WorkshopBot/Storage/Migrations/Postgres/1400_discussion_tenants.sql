-- A team's discussion of a briefing belongs to the briefing's organisation, but it has no tenant of its own: it is stored
-- with its recorder's (tenant_id, and the tenant in recordedBy), which is the turn's. Discussions recorded before people's
-- tenants were kept have a recorder without one, so no turn of a tenant could read them: the chair's "teams that used
-- it", the reminders, the cross-audit tab and its workbook left them out. This gives each the tenant of its briefing
-- (the briefings document of its audit, whose id is the discussion's key1), in recordedBy and in tenant_id, never any
-- other. A discussion whose briefing is gone (purged) or has no tenant (development) is left without one, and so is one
-- that already has a tenant, or that jsonb cannot read, or whose briefing it cannot (not JSON, or holding \u0000, as in
-- 1100). Only discussions that change are rewritten (as jsonb writes them: the bot reads any key order and spacing); they
-- lose their stamp (SqlDocumentStore); the version stays, as in 1300. Running it again changes nothing.
DO $$
DECLARE
    stored record;
    doc jsonb;
    briefing jsonb;
BEGIN
    FOR stored IN
        SELECT d.id, d.json, b.json AS briefing_json
        FROM documents AS d
        JOIN documents AS b ON b.collection = 'briefings' AND b.id = d.key1
        WHERE d.collection = 'briefing-discussions' AND (d.tenant_id IS NULL OR d.tenant_id = '')
        ORDER BY d.id
    LOOP
        BEGIN
            doc := stored.json::jsonb;
            briefing := stored.briefing_json::jsonb;
        EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
            CONTINUE;
        END;
        IF jsonb_typeof(briefing) <> 'object' OR jsonb_typeof(briefing -> 'tenantId') IS DISTINCT FROM 'string'
           OR briefing ->> 'tenantId' = '' THEN
            CONTINUE;
        END IF;
        IF jsonb_typeof(doc) <> 'object' OR jsonb_typeof(doc -> 'recordedBy') IS DISTINCT FROM 'object'
           OR (jsonb_typeof(doc -> 'recordedBy' -> 'tenantId') = 'string' AND doc -> 'recordedBy' ->> 'tenantId' <> '') THEN
            CONTINUE;
        END IF;
        UPDATE documents
        SET json = jsonb_set(doc, '{recordedBy,tenantId}', briefing -> 'tenantId')::text,
            tenant_id = briefing ->> 'tenantId',
            stamp = NULL
        WHERE collection = 'briefing-discussions' AND id = stored.id;
    END LOOP;
END;
$$;
