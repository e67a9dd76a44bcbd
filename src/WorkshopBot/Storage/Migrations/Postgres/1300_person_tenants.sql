-- Every object belongs to a tenant, and so does every person an audit or an action names: an agency's representative and
-- named lead (in the audit's document) and an action's named lead (in the action's) were recorded by object id alone, and
-- an object id is unique only within its tenant. The bot now records each with its tenant, the audit's or the action's own
-- (the people are chosen from that organisation's team); this fills in those stored before, from the same place. An
-- audit recorded without a tenant (development, no organisation) is left as it is, and so is a document that jsonb cannot
-- read (not JSON, or holding \u0000, as in 1100). Only documents that change are rewritten (as jsonb writes them: the
-- bot reads any key order and spacing); they lose their stamp, so no instance reuses a text it kept from before
-- (SqlDocumentStore); the version stays, as in 0500: nothing a person did changed.
DO $$
DECLARE
    stored record;
    doc jsonb;
    tenant jsonb;
    filled jsonb;
BEGIN
    FOR stored IN SELECT collection, id, json FROM documents WHERE collection IN ('audits', 'actions') ORDER BY collection, id LOOP
        BEGIN
            doc := stored.json::jsonb;
        EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
            CONTINUE;
        END;
        IF jsonb_typeof(doc) <> 'object' OR jsonb_typeof(doc -> 'tenantId') IS DISTINCT FROM 'string'
           OR doc ->> 'tenantId' = '' THEN
            CONTINUE;
        END IF;
        tenant := jsonb_build_object('tenantId', doc -> 'tenantId');
        filled := doc;
        IF stored.collection = 'audits' AND jsonb_typeof(doc -> 'agencies') = 'array' THEN
            SELECT jsonb_set(doc, '{agencies}', COALESCE(jsonb_agg(
                       CASE WHEN jsonb_typeof(a.agency) <> 'object' THEN a.agency
                            ELSE a.agency
                                 || CASE WHEN jsonb_typeof(a.agency -> 'representative') = 'object'
                                         THEN jsonb_build_object('representative', (a.agency -> 'representative') || tenant)
                                         ELSE '{}'::jsonb END
                                 || CASE WHEN jsonb_typeof(a.agency -> 'namedLead') = 'object'
                                         THEN jsonb_build_object('namedLead', (a.agency -> 'namedLead') || tenant)
                                         ELSE '{}'::jsonb END
                       END ORDER BY a.n), '[]'::jsonb))
            INTO filled
            FROM jsonb_array_elements(doc -> 'agencies') WITH ORDINALITY AS a(agency, n);
        ELSIF stored.collection = 'actions' AND jsonb_typeof(doc -> 'lead' -> 'person') = 'object' THEN
            filled := jsonb_set(doc, '{lead,person}', (doc -> 'lead' -> 'person') || tenant);
        END IF;
        IF filled <> doc THEN
            UPDATE documents SET json = filled::text, stamp = NULL WHERE collection = stored.collection AND id = stored.id;
        END IF;
    END LOOP;
END;
$$;
