import { randomUUID } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { logIn, runBrowserTest } from './browser-test.ts';
import { api } from './suite-api.ts';

/** The identity types by priority, as the rules table's row headers name them. */
const DEFAULT_ORDER = ['User ID', 'E-mail', 'External ID', 'Phone', 'Anonymous ID', 'Group'];

const ruleOrder = (rules: Locator) => rules.getByRole('rowheader').allTextContents();

interface ProfileItem {
  id: string;
  identities: { type: string; value: string }[];
  traits: Record<string, unknown>;
}

test('an admin finds out why an e-mail links no one, blocks a shared kiosk id, and events stop linking it', async (context) => {
  await runBrowserTest(context, { name: 'identity' }, async ({ suite, page }) => {
    const run = randomUUID().slice(0, 8);
    const email = `e2e-identity-${run}@example.com`;
    const password = 'correct horse battery';
    const kiosk = `Kiosk-${run}`;
    const { token } = await api<{ token: string }>(suite.url, 'POST', '/api/v1/auth/signup', {
      body: { email, password, name: 'Ida Identity', workspace: 'Identity Co' },
    });
    const source = await api<{ writeKey: string }>(suite.url, 'POST', '/api/v1/cdp/sources', {
      token,
      body: { name: 'Store kiosks' },
    });

    await logIn(page, suite.url, { email, password });
    await page.getByRole('link', { name: 'Identity', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Identity', exact: true }).waitFor();

    // The rules, in priority order: a user ID first, one per customer.
    const rules = page.getByRole('table', { name: 'Identity rules' });
    await rules.waitFor();
    expect(await rules.getByRole('rowheader').allTextContents()).toEqual(DEFAULT_ORDER);

    // Why does a test address link no one? The checker says which rule blocks it.
    await page.getByLabel('Value to check').fill('Ada@Example.com');
    await page
      .getByRole('status')
      .getByText(/reserved for documentation and tests/)
      .waitFor();
    await page.getByLabel('Value to check').fill(`ada-${run}@analytical-engines.io`);
    await page
      .getByRole('status')
      .getByText(/no placeholder rule or workspace entry blocks it/)
      .waitFor();
    // A company's group id is not blocked, but group ids never link events.
    await page.getByLabel('Identifier type').selectOption('group_id');
    await page.getByLabel('Value to check').fill('analytical-engines');
    await page
      .getByRole('status')
      .getByText(/Group values do not link events in this workspace/)
      .waitFor();
    await page.getByLabel('Identifier type').selectOption('email');

    // Block the kiosk's device id for anonymous ids: listed lower-cased, and the checker agrees.
    const blocked = page.getByRole('table', { name: 'Values blocked in this workspace' });
    await blocked.getByText(/only the built-in placeholders are blocked/).waitFor();
    await page.getByLabel('Block for').selectOption('anonymous_id');
    await page.getByLabel('Value to block').fill(kiosk);
    await page.getByRole('button', { name: 'Block value' }).click();
    await blocked.getByRole('rowheader', { name: kiosk.toLowerCase() }).waitFor();
    await page.getByText(/Blocked values saved/).waitFor();
    await page.getByLabel('Identifier type').selectOption('anonymous_id');
    await page.getByLabel('Value to check').fill(kiosk.toUpperCase());
    await page
      .getByRole('status')
      .getByText(/This workspace blocks it/)
      .waitFor();

    // Two shoppers identify at the kiosk: two customers, neither holding the kiosk's id.
    await api(suite.url, 'POST', '/v1/batch', {
      headers: { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString('base64')}` },
      body: {
        batch: ['ada', 'grace'].map((name) => ({
          type: 'identify',
          messageId: `${run}-${name}`,
          anonymousId: kiosk,
          userId: `${name}-${run}`,
          traits: { name },
        })),
      },
    });
    const profiles = () =>
      api<{ items: ProfileItem[] }>(suite.url, 'GET', '/api/v1/cdp/profiles', { token }).then(
        (result) => result.items,
      );
    await expect.poll(() => profiles().then((items) => items.length), { timeout: 60_000 }).toBe(2);
    for (const profile of await profiles()) {
      expect(profile.identities.map((identity) => identity.type)).toEqual(['user_id']);
    }
    // A shopper's timeline says the kiosk's id did not link the event, and why.
    const ada = (await profiles()).find((profile) => profile.traits.name === 'ada')!;
    await page.goto(`${suite.url}/customers/${ada.id}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(/Not linked to this customer: Anonymous ID/).waitFor();
    await timeline.getByText(kiosk, { exact: true }).waitFor();
    await timeline.getByText(/a blocked placeholder value/).waitFor();
    await timeline.getByRole('link', { name: 'How events find their customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Identity', exact: true }).waitFor();

    // Unblocked again, the list is empty.
    await blocked.getByRole('button', { name: `Unblock ${kiosk.toLowerCase()}` }).click();
    await blocked.getByText(/only the built-in placeholders are blocked/).waitFor();
  });
});

test('the demo admin raises the User ID limit and ranks Phone above E-mail, which a reload keeps, then goes back to the defaults', async (context) => {
  // As local mode starts: with the demo workspace, whose user owns it.
  await runBrowserTest(
    context,
    {
      name: 'identity-rules',
      suite: {
        env: {
          PORT: '0',
          DATA_DIR: 'memory',
          SEED_DEMO: '1',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
          HOST: '127.0.0.1',
        },
      },
    },
    async ({ suite, page }) => {
      const demo = suite.demoLogin;
      expect(demo, 'the suite seeds the demo workspace').toBeDefined();
      await logIn(page, suite.url, demo!);
      await page.getByRole('link', { name: 'Identity', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Identity', exact: true }).waitFor();

      // The defaults, nothing to save yet and nothing to reset.
      const card = page.getByRole('region', { name: 'How events find their customer' });
      const rules = card.getByRole('table', { name: 'Identity rules' });
      await rules.waitFor();
      await card.getByText('Defaults', { exact: true }).waitFor();
      expect(await ruleOrder(rules)).toEqual(DEFAULT_ORDER);
      const save = card.getByRole('button', { name: 'Save rules' });
      const reset = card.getByRole('button', { name: 'Reset to defaults' });
      const userIdLimit = card.getByLabel('Most User ID values per customer');
      expect(await save.isDisabled()).toBe(true);
      expect(await reset.count()).toBe(0);
      expect(await userIdLimit.inputValue()).toBe('1');
      expect(await card.getByLabel('Group links events to a customer').isDisabled()).toBe(true);

      // Two user IDs per customer; Phone up past External ID (a click), then past E-mail (the keyboard:
      // focus stays on the button that moved with its row).
      await userIdLimit.fill('2');
      await card.getByRole('button', { name: 'Move Phone up' }).click();
      await expect
        .poll(() => ruleOrder(rules))
        .toEqual(['User ID', 'E-mail', 'Phone', 'External ID', 'Anonymous ID', 'Group']);
      await page.keyboard.press('Enter');
      const edited = ['User ID', 'Phone', 'E-mail', 'External ID', 'Anonymous ID', 'Group'];
      await expect.poll(() => ruleOrder(rules)).toEqual(edited);
      expect(await save.isDisabled()).toBe(false);
      await save.click();
      await page.getByText('Identity rules saved; they apply to events processed from now on').waitFor();
      await card.getByText(/^Customised \(saved .+\)$/).waitFor();

      // A reload shows what the server kept.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Identity', exact: true }).waitFor();
      await rules.waitFor();
      await card.getByText(/^Customised \(saved .+\)$/).waitFor();
      expect(await ruleOrder(rules)).toEqual(edited);
      expect(await userIdLimit.inputValue()).toBe('2');
      expect(await save.isDisabled()).toBe(true);

      // Back to the defaults, after confirming.
      await reset.click();
      const dialog = page.getByRole('dialog', { name: 'Go back to the default rules?' });
      await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
      await page.getByText(/Identity rules are the defaults again/).waitFor();
      await card.getByText('Defaults', { exact: true }).waitFor();
      expect(await ruleOrder(rules)).toEqual(DEFAULT_ORDER);
      expect(await userIdLimit.inputValue()).toBe('1');
      expect(await reset.count()).toBe(0);
      await page.reload();
      await rules.waitFor();
      await card.getByText('Defaults', { exact: true }).waitFor();
      expect(await ruleOrder(rules)).toEqual(DEFAULT_ORDER);
    },
  );
});
