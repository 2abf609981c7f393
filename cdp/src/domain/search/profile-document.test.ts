import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE_DOCUMENT_LIMITS,
  buildProfileDocument,
  type DocumentEvent,
  type ProfileDocumentInput,
} from './profile-document.ts';

const track = (event: string, properties: Record<string, unknown> = {}): DocumentEvent => ({
  type: 'track',
  event,
  properties,
});

const ann: ProfileDocumentInput = {
  traits: {
    plan: 'pro',
    email: 'ann@acme.io',
    name: 'Ann Lee',
    company: { name: 'Acme', id: 'c-1', address: { city: 'Berlin' } },
    createdAt: '2024-05-01T10:00:00.000Z',
  },
  identities: [
    { type: 'anonymous_id', value: '7f1c0e4a-2b3d-4c5e-8f90-123456789abc' },
    { type: 'user_id', value: 'ann-42' },
    { type: 'email', value: 'ann@acme.io' },
  ],
  events: [
    track('Support Ticket Created', {
      subject: 'Question about my invoice',
      priority: 'high',
      ticketId: 'T-9',
    }),
    { type: 'page', event: 'Pricing', properties: { url: 'https://acme.io/pricing', title: 'Pricing' } },
    { type: 'identify', event: null, properties: null },
  ],
};

describe('buildProfileDocument', () => {
  it('writes traits as key: value lines (person first), identifiers, then recent activity', () => {
    expect(buildProfileDocument(ann)).toBe(
      [
        'name: Ann Lee',
        'email: ann@acme.io',
        'company.name: Acme',
        'plan: pro',
        'createdAt: 2024-05-01T10:00:00.000Z',
        'identities: e-mail ann@acme.io; user id ann-42',
        'recent activity:',
        '- Support Ticket Created — subject: Question about my invoice; priority: high',
        '- viewed page Pricing — title: Pricing; url: https://acme.io/pricing',
      ].join('\n'),
    );
  });

  it('is the same whatever the key order of the JSON it was given', () => {
    const reordered: ProfileDocumentInput = {
      ...ann,
      traits: Object.fromEntries(Object.entries(ann.traits).reverse()),
      identities: [...ann.identities].reverse(),
      events: ann.events.map((event) => ({
        ...event,
        properties: event.properties && Object.fromEntries(Object.entries(event.properties).reverse()),
      })),
    };
    expect(buildProfileDocument(reordered)).toBe(buildProfileDocument(ann));
  });

  it('keeps short values of form answers, and leaves out ids, secrets and empty values', () => {
    const text = buildProfileDocument({
      traits: { name: 'Bo', password: 'hunter2', apiKey: 'k', paid: true, note: '   ' },
      identities: [],
      events: [
        track('Form Submitted', {
          form: 'Shipping inquiry',
          answers: [
            { question: 'What do you need?', answer: 'Express shipping to Oslo' },
            { question: 'Order', answer: 'A-1' },
          ],
          formId: '0f8fad5b-d9cb-469f-a165-70867728950e',
          sessionToken: 'abc',
        }),
      ],
    });
    expect(text).toContain('paid: yes');
    expect(text).toContain('answers: What do you need?: Express shipping to Oslo | Order: A-1');
    expect(text).toContain('form: Shipping inquiry');
    expect(text).not.toMatch(/hunter2|apiKey|formId|sessionToken|note/);
  });

  it('counts repeated activity once, newest first, and skips identify and alias', () => {
    const text = buildProfileDocument({
      traits: {},
      identities: [],
      events: [
        { type: 'page', event: 'Pricing', properties: {} },
        track('Signed Up'),
        { type: 'page', event: 'Pricing', properties: {} },
        { type: 'alias', event: null, properties: null },
        { type: 'page', event: null, properties: null },
        { type: 'screen', event: 'Home', properties: null },
        { type: 'group', event: null, properties: null, traits: { name: 'Acme Inc' } },
      ],
    });
    expect(text.split('\n')).toEqual([
      'recent activity:',
      '- viewed page Pricing (2 times)',
      '- Signed Up',
      '- viewed a page',
      '- viewed screen Home',
      '- joined group Acme Inc',
    ]);
  });

  it('uses only the newest maxEvents events and caps values and the whole text', () => {
    const events = Array.from({ length: 100 }, (_, index) =>
      track(`Event ${index}`, { text: 'lorem ipsum '.repeat(50) }),
    );
    const limits = {
      ...DEFAULT_PROFILE_DOCUMENT_LIMITS,
      maxEvents: 5,
      maxValueCharacters: 20,
      maxCharacters: 120,
    };
    const text = buildProfileDocument({ traits: { bio: 'why '.repeat(25) }, identities: [], events }, limits);
    expect(text.length).toBeLessThanOrEqual(120);
    expect(text).toContain('bio: why why why why why…');
    expect(text).toContain('- Event 0 — text: ');
    expect(text).not.toContain('Event 5');

    const full = buildProfileDocument({ traits: {}, identities: [], events });
    expect(full.length).toBeLessThanOrEqual(DEFAULT_PROFILE_DOCUMENT_LIMITS.maxCharacters);
    expect(full).not.toContain(`Event ${DEFAULT_PROFILE_DOCUMENT_LIMITS.maxEvents}`);
  });

  it('clips a single line longer than the cap instead of returning nothing', () => {
    const limits = { ...DEFAULT_PROFILE_DOCUMENT_LIMITS, maxCharacters: 10, maxValueCharacters: 1000 };
    expect(
      buildProfileDocument({ traits: { name: 'Maximilian Mustermann' }, identities: [], events: [] }, limits),
    ).toBe('name: Max…');
  });

  it('is empty for a profile with nothing to say', () => {
    expect(
      buildProfileDocument({
        traits: {},
        identities: [{ type: 'anonymous_id', value: 'a' }],
        events: [{ type: 'identify', event: null, properties: null }],
      }),
    ).toBe('');
  });
});
