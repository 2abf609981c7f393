import { describe, expect, it, vi } from 'vitest';
import { createDraftSaver } from './draft-saver.ts';
import type { KeyedDraft } from './draft-saver.ts';

const keyed = (title: string): KeyedDraft<{ title: string }> => ({
  json: JSON.stringify({ title }),
  draft: { title },
});

/** A store whose requests the test answers one by one. */
function controlledStore() {
  const requests: { draft: { title: string }; answer: (ok: boolean) => void }[] = [];
  const store = vi.fn(
    (draft: { title: string }) =>
      new Promise<string>((resolve, reject) =>
        requests.push({
          draft,
          answer: (ok) => (ok ? resolve(`stored ${draft.title}`) : reject(new Error('refused'))),
        }),
      ),
  );
  return { store, requests };
}

function recordingEvents() {
  return { onSaving: vi.fn(), onStored: vi.fn(), onFailed: vi.fn() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createDraftSaver', () => {
  it('sends nothing while the latest draft is the stored one', async () => {
    const { store } = controlledStore();
    const saver = createDraftSaver(keyed('a'), recordingEvents());

    await expect(saver.save(store)).resolves.toBe(true);
    expect(store).not.toHaveBeenCalled();
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('sends changes made during a save in one later request with the newest draft, never alongside', async () => {
    const { store, requests } = controlledStore();
    const events = recordingEvents();
    const saver = createDraftSaver(keyed('a'), events);

    saver.setLatest(keyed('b'));
    const first = saver.save(store);
    saver.setLatest(keyed('c'));
    const second = saver.save(store);
    saver.setLatest(keyed('d'));
    const third = saver.save(store);
    await settle();
    expect(requests.map((request) => request.draft.title)).toEqual(['b']);

    requests[0]?.answer(true);
    await settle();
    expect(requests.map((request) => request.draft.title)).toEqual(['b', 'd']);
    requests[1]?.answer(true);

    await expect(Promise.all([first, second, third])).resolves.toEqual([true, true, true]);
    expect(store).toHaveBeenCalledTimes(2);
    expect(events.onStored).toHaveBeenLastCalledWith(keyed('d'));
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('reports a failed save with the draft it was for, keeps it unsaved, and tries again on the next save', async () => {
    const { store, requests } = controlledStore();
    const events = recordingEvents();
    const saver = createDraftSaver(keyed('a'), events);

    saver.setLatest(keyed('b'));
    const failed = saver.save(store);
    await settle();
    requests[0]?.answer(false);

    await expect(failed).resolves.toBe(false);
    expect(events.onFailed).toHaveBeenCalledWith({ error: new Error('refused'), draft: { title: 'b' } });
    expect(events.onSaving.mock.calls).toEqual([[true], [false]]);
    expect(saver.hasUnsaved()).toBe(true);

    const retried = saver.save(store);
    await settle();
    requests[1]?.answer(true);
    await expect(retried).resolves.toBe(true);
    expect(saver.hasUnsaved()).toBe(false);
  });
});
