-- The Postgres event log behind the local EventBus: partitioned like a Kafka topic, offsets per
-- consumer group, partitions leased to group members. System tables: the app role has no access.

CREATE TABLE bus_partitions (
  topic text NOT NULL,
  partition int NOT NULL,
  -- Next offset to hand out. Publishers lock this row until commit, so offsets become visible in order.
  next_offset bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (topic, partition)
);

CREATE TABLE bus_events (
  topic text NOT NULL,
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);

CREATE TABLE bus_consumer_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  -- Last offset whose handling succeeded; -1 before the first.
  committed bigint NOT NULL DEFAULT -1,
  owner text,
  lease_until timestamptz,
  PRIMARY KEY (group_id, topic, partition)
);

CREATE TABLE bus_consumer_members (
  group_id text NOT NULL,
  topic text NOT NULL,
  member_id text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, member_id)
);

-- Named leases for singleton work (the outbox relay) shared by several processes.
CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  expires_at timestamptz NOT NULL
);
