-- The Kafka bus packs a publish call's messages for one partition into one record (they share its
-- offset), so a rejected message is known by its record's position and its index within the record.
ALTER TABLE cdp_rejected_messages ADD COLUMN message_index int NOT NULL DEFAULT 0;
ALTER TABLE cdp_rejected_messages DROP CONSTRAINT cdp_rejected_messages_topic_partition_offset_key;
ALTER TABLE cdp_rejected_messages
  ADD CONSTRAINT cdp_rejected_messages_position_key UNIQUE (topic, partition, "offset", message_index);
