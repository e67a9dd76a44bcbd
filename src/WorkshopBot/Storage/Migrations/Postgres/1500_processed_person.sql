-- The person a processed mark's answer was given to (TurnActor.PersonKey: the tenant and the Entra object id), so the
-- answer is replayed only to them: another person of the same organisation whose activity claims the same conversation
-- and activity id is refused. Marks stored before keep no person and are replayed as before (to the conversation's
-- tenant) until they are pruned.
ALTER TABLE processed_activities ADD COLUMN person_key text NULL;
