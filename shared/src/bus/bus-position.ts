import type { DeliveredMessage } from '../ports/index.ts';

/**
 * A delivered message's place on the bus, unique per message: topic, partition and offset, and its
 * index when its record carries several. A message alone keeps the form it always had, so positions
 * stored before packing (e.g. as dedupe keys) still match.
 */
export function busPositionOf(
  delivered: Pick<DeliveredMessage, 'topic' | 'partition' | 'offset' | 'index'>,
): string {
  const base = `${delivered.topic}:${delivered.partition}:${delivered.offset}`;
  return delivered.index ? `${base}#${delivered.index}` : base;
}
