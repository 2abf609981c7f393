-- The identifiers a message carried that did not link it to its customer (issue 3, items 4 and 7):
-- blocked placeholders, and those the identity rules left out because linking them would break a
-- limit (a second user id, say). [{type, value, reason: 'blocked' | 'limit'}], NULL when all were
-- used. The timeline shows them, so a customer split in two can be explained from their events.
ALTER TABLE cdp_events ADD COLUMN unlinked jsonb;
