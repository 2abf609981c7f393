import { describe, expect, it } from 'vitest';
import { Mailbox } from './mailbox.ts';

describe('Mailbox', () => {
  it('lists newest first, finds by id and by recipient', () => {
    const mailbox = new Mailbox();
    const first = mailbox.add({ from: 'a@x.test', to: ['Ada <ada@example.com>'], subject: 'one', text: '1' });
    const second = mailbox.add({
      from: 'a@x.test',
      to: ['bob@example.com'],
      subject: 'two',
      html: '<p>2</p>',
    });

    expect(mailbox.list().map((message) => message.subject)).toEqual(['two', 'one']);
    expect(mailbox.get(first.id)).toEqual(first);
    expect(mailbox.get(second.id)?.html).toBe('<p>2</p>');
    expect(mailbox.get('missing')).toBeUndefined();
    expect(mailbox.list({ to: 'ADA@example.com' }).map((message) => message.id)).toEqual([first.id]);
    expect(mailbox.list({ limit: 1 })).toHaveLength(1);
    expect(first.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const mailbox = new Mailbox(3);
    for (let index = 1; index <= 5; index += 1) {
      mailbox.add({ from: 'a@x.test', to: ['b@x.test'], subject: `mail ${index}` });
    }
    expect(mailbox.size).toBe(3);
    expect(mailbox.list().map((message) => message.subject)).toEqual(['mail 5', 'mail 4', 'mail 3']);
  });

  it('hands out copies and empties on clear', () => {
    const mailbox = new Mailbox();
    const stored = mailbox.add({ from: 'a@x.test', to: ['b@x.test'], subject: 'hi' });
    stored.to.push('intruder@x.test');
    expect(mailbox.get(stored.id)?.to).toEqual(['b@x.test']);
    mailbox.clear();
    expect(mailbox.list()).toEqual([]);
  });
});
