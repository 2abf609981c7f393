-- Throughput of the profile builder (issue 3, item 12). It processes a delivered batch of messages in
-- one transaction and stores their event rows only once they are resolved, already attributed, so
-- it takes their ids beforehand from the identity column's sequence (in the order of the messages,
-- after the batch holds its locks) and inserts them with OVERRIDING SYSTEM VALUE.
GRANT USAGE ON SEQUENCE cdp_events_id_seq TO orchestrator_app;
