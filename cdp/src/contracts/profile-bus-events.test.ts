import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { processedEventOf, profileBusMessage, type ProfileBusEvent } from './profile-bus-events.ts';

const tenantId = randomUUID();
const delivered = (event: ProfileBusEvent) => {
  const message = profileBusMessage(tenantId, event);
  return { key: message.key, headers: message.headers ?? {} };
};
const processed = (profileId: string | null, messageId: string): ProfileBusEvent => ({
  type: 'Message Processed',
  profileId,
  sourceId: randomUUID(),
  receivedAt: new Date().toISOString(),
  message: { type: 'track', messageId, event: 'Signed Up', properties: {} } as never,
});

describe('processedEventOf: a Message Processed event read from its key and headers alone', () => {
  it('names the profile and the message, even a message id with colons', () => {
    const profileId = randomUUID();
    expect(processedEventOf(delivered(processed(profileId, 'ajs-1:2:3')))).toEqual({
      profileId,
      sourceMessageId: 'ajs-1:2:3',
    });
  });

  it('has no profile for a message attributed to none', () => {
    expect(processedEventOf(delivered(processed(null, 'm-1')))).toEqual({
      profileId: null,
      sourceMessageId: 'm-1',
    });
  });

  it('is undefined for every other event, whose value must be read', () => {
    const profileId = randomUUID();
    const others: ProfileBusEvent[] = [
      { type: 'Profile Created', profileId, messageId: 'm-2', timestamp: new Date().toISOString() },
      {
        type: 'Profiles Merged',
        profileId,
        absorbedIds: [randomUUID()],
        mergeIds: [randomUUID()],
        rule: 'email',
        messageId: 'm-3',
        timestamp: new Date().toISOString(),
      },
      { type: 'Profile Deleted', profileId, erasedIds: [profileId], timestamp: new Date().toISOString() },
    ];
    for (const event of others) expect(processedEventOf(delivered(event))).toBeUndefined();
    expect(processedEventOf({ key: `${tenantId}:${profileId}`, headers: {} })).toBeUndefined();
  });
});
