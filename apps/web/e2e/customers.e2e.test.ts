import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { logIn, runBrowserTest } from './browser-test.ts';
import { api } from './suite-api.ts';

interface ProfileItem {
  id: string;
  identities: { type: string; value: string }[];
}

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });
}

test('a user finds a customer by e-mail, reads the profile and undoes a wrong merge', async (context) => {
  await runBrowserTest(context, { name: 'customers' }, async ({ suite, page }) => {
    const run = randomUUID().slice(0, 8);
    const email = `e2e-customers-${run}@example.com`;
    const password = 'correct horse battery';
    // Not @example.com: the CDP never treats addresses of reserved test domains as identities.
    const customerEmail = `ada-${run}@analytical-engines.io`;
    const ids = { anonymousA: `anon-a-${run}`, anonymousB: `anon-b-${run}`, user: `user-${run}` };
    // A workspace with a website source, through the public API.
    const { token } = await api<{ token: string }>(suite.url, 'POST', '/api/v1/auth/signup', {
      body: { email, password, name: 'Casey Customer', workspace: 'Customers Co' },
    });
    const source = await api<{ writeKey: string }>(suite.url, 'POST', '/api/v1/cdp/sources', {
      token,
      body: { name: 'Website' },
    });
    const sendBatch = (batch: object[]) =>
      api(suite.url, 'POST', '/v1/batch', {
        body: { batch },
        headers: { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString('base64')}` },
      });
    const profiles = (q = '') =>
      api<{ items: ProfileItem[] }>(suite.url, 'GET', `/api/v1/cdp/profiles?q=${encodeURIComponent(q)}`, {
        token,
      }).then((page) => page.items);

    // An anonymous visitor reads the pricing page; later someone signs up and orders on another device;
    // a second customer exists so that the search has something to leave out.
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    await sendBatch([
      {
        type: 'page',
        messageId: `${run}-1`,
        anonymousId: ids.anonymousA,
        name: 'Pricing',
        properties: { path: '/pricing' },
        timestamp: at(30),
      },
      {
        type: 'identify',
        messageId: `${run}-2`,
        anonymousId: ids.anonymousB,
        userId: ids.user,
        traits: { email: customerEmail, name: 'Ada Lovelace', plan: 'pro', address: { city: 'London' } },
        timestamp: at(20),
      },
      {
        type: 'track',
        messageId: `${run}-3`,
        userId: ids.user,
        event: 'Order Completed',
        properties: { total: 4711, currency: 'EUR' },
        timestamp: at(15),
      },
      {
        type: 'identify',
        messageId: `${run}-4`,
        anonymousId: `anon-c-${run}`,
        userId: `other-${run}`,
        traits: { email: `grace-${run}@analytical-engines.io`, name: 'Grace Hopper' },
        timestamp: at(10),
      },
    ]);
    await expect.poll(() => profiles().then((items) => items.length), { timeout: 60_000 }).toBe(3);

    // The visitor of the pricing page turns out to be Ada: her two profiles merge.
    await sendBatch([
      {
        type: 'identify',
        messageId: `${run}-5`,
        anonymousId: ids.anonymousA,
        userId: ids.user,
        timestamp: at(5),
      },
    ]);
    await expect.poll(() => profiles().then((items) => items.length), { timeout: 60_000 }).toBe(2);
    const [ada] = await profiles(customerEmail);
    expect(ada).toBeDefined();
    const merges = await api<{ items: { id: string; absorbedId: string; survivorId: string }[] }>(
      suite.url,
      'GET',
      `/api/v1/cdp/profiles/${ada!.id}/merges`,
      { token },
    );
    expect(merges.items).toHaveLength(1);
    const merge = merges.items[0]!;

    // Sign in and search by e-mail: the list narrows to Ada, and the search is in the address.
    await logIn(page, suite.url, { email, password });
    const table = page.getByRole('table', { name: 'Customers' });
    await table.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await page.getByLabel('Search customers').fill(customerEmail);
    await page.waitForURL((url) => url.searchParams.get('q') === customerEmail);
    await table.getByRole('link', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);

    // The profile: traits, identities of both merged profiles, and the timeline of both.
    await table.getByRole('link', { name: 'Ada Lovelace' }).click();
    await heading(page, 'Ada Lovelace').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${ada!.id}`);
    const traits = page.getByRole('region', { name: 'Traits' });
    await traits.getByRole('row', { name: /plan\s+pro/ }).waitFor();
    await traits.getByText('{"city":"London"}').waitFor();
    const identities = page.getByRole('region', { name: 'Identities' });
    for (const value of [customerEmail, ids.user, ids.anonymousA, ids.anonymousB]) {
      await identities.getByText(value, { exact: true }).waitFor();
    }
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Order Completed').waitFor();
    await timeline.getByText(/Viewed page (Pricing|\/pricing)/).waitFor();
    const order = timeline.getByRole('listitem').filter({ hasText: 'Order Completed' });
    await order.getByText(/properties/).click();
    await order.getByText('"total": 4711').waitFor();

    // The address of the absorbed profile leads to the survivor, saying so.
    const otherId = merge.absorbedId === ada!.id ? merge.survivorId : merge.absorbedId;
    await page.goto(`${suite.url}/customers/${otherId}`);
    await page.getByText('This profile was merged into Ada Lovelace').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${ada!.id}`);

    // Undo the merge: confirm, a toast, the merge is marked undone, and the two profiles are apart.
    const history = page.getByRole('region', { name: 'Merge history' });
    await history.getByRole('button', { name: /Undo merge/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo this merge?' });
    await dialog.getByRole('button', { name: 'Undo merge' }).click();
    await page.getByText(/Merge undone/).waitFor();
    await history.getByText('Undone', { exact: true }).waitFor();
    expect(await history.getByRole('button', { name: /Undo merge/ }).isDisabled()).toBe(true);
    await expect.poll(() => profiles().then((items) => items.length), { timeout: 30_000 }).toBe(3);
    const absorbed = await api<ProfileItem>(suite.url, 'GET', `/api/v1/cdp/profiles/${merge.absorbedId}`, {
      token,
    });
    expect(absorbed.id).toBe(merge.absorbedId);
  });
});
