import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { runBrowserTest } from './browser-test.ts';

/** The workspace's navigation: link text, address, and the h1 its page shows. */
const MODULE_PAGES = [
  { link: 'Customers', path: '/customers', heading: 'Customers' },
  { link: 'CRM', path: '/crm', heading: 'CRM' },
  { link: 'Help desk', path: '/helpdesk', heading: 'Help desk' },
  { link: 'Scheduling', path: '/scheduling', heading: 'Scheduling' },
  { link: 'Forms', path: '/forms', heading: 'Forms' },
  { link: 'Social', path: '/social', heading: 'Social' },
  { link: 'Automations', path: '/automations', heading: 'Automations' },
  { link: 'Ops', path: '/ops', heading: 'Ops' },
] as const;

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** The message shown under an input, found the way a screen reader finds it: via aria-describedby. */
async function fieldErrorOf(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  return errorId ? page.locator(`[id="${errorId}"]`).innerText() : null;
}

test('a new user signs up, visits every module and the mailbox, logs out and back in', async (context) => {
  await runBrowserTest(context, { name: 'shell' }, async ({ suite, page }) => {
    const email = `e2e-${Date.now()}@example.com`;
    const password = 'correct horse battery';
    // Signed out, the workspace sends you to the sign-in page.
    await page.goto(suite.url);
    await heading(page, 'Log in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('link', { name: 'Create a workspace' }).click();
    await heading(page, 'Create your workspace').waitFor();

    // Bad input: the server's field errors appear under the matching fields.
    await page.getByLabel('Your name', { exact: true }).fill('Erin Example');
    await page.getByLabel('Work e-mail', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Workspace name', { exact: true }).fill('Example Co');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => fieldErrorOf(page, 'Work e-mail')).toMatch(/\S/);
    expect(await fieldErrorOf(page, 'Password')).toMatch(/\S/);
    expect(await fieldErrorOf(page, 'Your name')).toBeNull();
    expect(await fieldErrorOf(page, 'Workspace name')).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/signup');

    // Good input: the new workspace opens on Customers.
    await page.getByLabel('Work e-mail', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await heading(page, 'Customers').waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers');
    const banner = page.getByRole('banner').filter({ hasText: 'Log out' });
    await banner.getByText('Example Co').waitFor();
    await banner.getByText('Erin Example').waitFor();
    await banner.getByText('Owner').waitFor();

    // Every module of the navigation opens its own page.
    const nav = page.getByRole('navigation', { name: 'Modules' });
    for (const module of MODULE_PAGES) {
      await nav.getByRole('link', { name: module.link, exact: true }).click();
      await heading(page, module.heading).waitFor();
      expect(new URL(page.url()).pathname).toBe(module.path);
      expect(await page.title()).toContain(module.heading);
      expect(
        await nav.getByRole('link', { name: module.link, exact: true }).getAttribute('aria-current'),
      ).toBe('page');
    }

    // An unknown address inside the workspace says so.
    await page.goto(`${suite.url}/no-such-page`);
    await heading(page, 'Page not found').waitFor();

    // The mailbox is offered exactly when the suite keeps e-mail (local mode).
    const meta = (await (await fetch(`${suite.url}/api/v1/meta`)).json()) as { mailbox: boolean };
    const mailboxLink = nav.getByRole('link', { name: 'Mailbox', exact: true });
    if (meta.mailbox) {
      await mailboxLink.click();
      await heading(page, 'Mailbox').waitFor();
      await page
        .getByRole('list', { name: 'Messages' })
        .or(page.getByRole('heading', { name: 'No e-mail yet' }))
        .waitFor();
    } else {
      expect(await mailboxLink.count()).toBe(0);
    }

    // Log out, then the workspace is closed: /crm sends to sign-in, and sign-in leads back to /crm.
    await page.getByRole('button', { name: 'Log out' }).click();
    await heading(page, 'Log in').waitFor();
    await page.goto(`${suite.url}/crm`);
    await heading(page, 'Log in').waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await heading(page, 'CRM').waitFor();
    expect(new URL(page.url()).pathname).toBe('/crm');
    await page.getByRole('banner').getByText('Example Co').waitFor();
  });
});
