import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { logIn, runBrowserTest } from './browser-test.ts';
import { api } from './suite-api.ts';

function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** The message under an input, found the way a screen reader finds it: through aria-describedby. */
async function describedError(input: Locator): Promise<string | null> {
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  for (const id of ids) {
    const element = input.page().locator(`[id="${id}"]`);
    if ((await element.count()) > 0 && id.includes('error')) return element.innerText();
  }
  return null;
}

test('a user builds a form with a logic jump, a respondent submits it, and the response reaches the table, the CSV and the customer profile', async (context) => {
  await runBrowserTest(
    context,
    { name: 'forms', page: { acceptDownloads: true } },
    async ({ suite, page, openPage }) => {
      const respondent = await openPage('public', { viewport: { width: 390, height: 844 } });
      const run = randomUUID().slice(0, 8);
      const email = `e2e-forms-${run}@example.com`;
      const password = 'correct horse battery';
      // Not @example.com: the CDP never treats addresses of reserved test domains as identities.
      const respondentEmail = `ada-${run}@analytical-engines.io`;
      const title = `Event signup ${run}`;
      const { token } = await api<{ token: string }>(suite.url, 'POST', '/api/v1/auth/signup', {
        body: { email, password, name: 'Fran Forms', workspace: 'Forms Co' },
      });

      await logIn(page, suite.url, { email, password });

      // A new form opens in the builder.
      await page
        .getByRole('navigation', { name: 'Modules' })
        .getByRole('link', { name: 'Forms', exact: true })
        .click();
      await heading(page, 'Forms').waitFor();
      await page.getByRole('heading', { name: 'No forms yet' }).waitFor();
      await page.getByRole('button', { name: 'New form' }).first().click();
      const newForm = page.getByRole('dialog', { name: 'New form' });
      await newForm.getByLabel('Title').fill(title);
      await newForm.getByRole('button', { name: 'Create form' }).click();
      await heading(page, title).waitFor();
      const formId = /\/forms\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1];
      expect(formId).toBeTruthy();

      // Fields from the palette: a required e-mail, a choice, and two texts.
      const fieldList = page.getByRole('list', { name: 'Fields, in order' });
      const settings = page.getByRole('region', { name: 'Settings' });
      const question = settings.getByLabel('Question', { exact: true });
      await page.getByRole('button', { name: 'Add e-mail' }).click();
      await question.fill('Your e-mail');
      await settings.getByLabel('Required', { exact: true }).check();
      await page.getByRole('button', { name: 'Add single choice' }).click();
      await question.fill('How did you hear about us?');
      await settings.getByLabel('Option 1', { exact: true }).fill('Friend');
      await settings.getByLabel('Option 2', { exact: true }).fill('Newsletter');
      await settings.getByLabel('Option 3', { exact: true }).fill('Search');
      await page.getByRole('button', { name: 'Add short text' }).click();
      await question.fill('Who referred you?');
      await page.getByRole('button', { name: 'Add long text' }).click();
      await question.fill('Anything else?');
      await expect.poll(() => fieldList.getByRole('listitem').count()).toBe(4);

      // Logic on the choice: "Newsletter" skips the referral question. Only later fields are offered.
      await fieldList.getByRole('button', { name: /^2\. How did you hear about us\?/ }).click();
      await settings.getByRole('button', { name: 'Add rule' }).click();
      await settings.getByLabel('Value', { exact: true }).selectOption('Newsletter');
      const jumpTo = settings.getByLabel('Then jump to', { exact: true });
      const targets = await jumpTo.locator('option').allTextContents();
      expect(targets).toEqual(['3. Who referred you?', '4. Anything else?', 'The end (submit the form)']);
      await jumpTo.selectOption({ label: '4. Anything else?' });

      // A hidden field filled from the link.
      await page.getByRole('button', { name: 'Hidden fields' }).click();
      await settings.getByLabel('New hidden field', { exact: true }).fill('utm_source');
      await settings.getByRole('button', { name: 'Add hidden field' }).click();
      await settings.getByRole('button', { name: 'Remove utm_source' }).waitFor();

      // The live preview follows the logic: choosing Newsletter hides the referral question.
      const preview = page.getByRole('region', { name: 'Live preview' });
      await preview.getByText('Who referred you?').waitFor();
      await preview.getByText('Newsletter', { exact: true }).click();
      await preview.getByText('Who referred you?').waitFor({ state: 'detached' });

      // The draft saves itself; publishing shows the link and the embed snippets.
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      const published = page.getByRole('dialog', { name: 'Version 1 is live' });
      const publicUrl = await published.getByRole('textbox', { name: 'Public link' }).inputValue();
      await published.getByRole('region', { name: 'Inline' }).getByText('?embed=1').first().waitFor();
      await published.getByRole('region', { name: 'Popup button' }).waitFor();
      await published.getByRole('button', { name: 'Done' }).click();
      const publicPath = new URL(publicUrl).pathname;
      expect(publicPath).toMatch(/^\/f\//);

      // A respondent, not signed in, on a phone-sized screen, opens the link with a campaign tag.
      await respondent.goto(`${suite.url}${publicPath}?utm_source=newsletter`);
      await heading(respondent, title).waitFor();
      const emailInput = respondent.getByLabel('Your e-mail');
      await emailInput.fill('not-an-e-mail');
      await respondent.getByRole('radio', { name: 'Newsletter', exact: true }).check();
      await respondent.getByText('Who referred you?').waitFor({ state: 'detached' });
      await respondent.getByRole('button', { name: 'Submit' }).click();
      await expect.poll(() => describedError(emailInput)).toMatch(/valid e-mail/);
      const none = await api<{ total: number }>(
        suite.url,
        'GET',
        `/api/v1/forms/${formId}/submissions?category=all`,
        {
          token,
        },
      );
      expect(none.total).toBe(0);

      await emailInput.fill(respondentEmail);
      await respondent.getByLabel('Anything else?').fill('Looking forward to it, «merci»!');
      await respondent.getByRole('button', { name: 'Submit' }).click();
      await respondent.getByRole('heading', { name: 'Thank you!' }).waitFor();

      // The response, with its hidden field, in the submissions table.
      await page
        .getByRole('navigation', { name: 'Form pages' })
        .getByRole('link', { name: 'Submissions' })
        .click();
      const table = page.getByRole('table', { name: 'Submissions' });
      const row = table.getByRole('row').filter({ hasText: respondentEmail });
      await row.waitFor();
      await row.getByText('Newsletter', { exact: true }).waitFor();
      await row.getByText('newsletter', { exact: true }).waitFor();
      await table.getByRole('columnheader', { name: /utm_source/ }).waitFor();
      await row.getByRole('button', { name: /Open/ }).click();
      const detail = page.getByRole('dialog', { name: /Response of/ });
      await detail.getByText('How did you hear about us?').waitFor();
      await detail.getByText('utm_source').waitFor();
      await detail.getByRole('button', { name: 'Close', exact: true }).click();

      // And in the CSV export, hidden field included.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      const [header, ...records] = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      expect(header).toContain('utm_source');
      expect(header).toContain('Your e-mail');
      expect(records).toHaveLength(1);
      expect(records[0]).toContain(respondentEmail);
      expect(records[0]).toContain('newsletter');
      expect(records[0]).toContain('«merci»');

      // The respondent becomes a customer whose timeline has the submission.
      await expect
        .poll(
          () =>
            api<{ items: unknown[] }>(
              suite.url,
              'GET',
              `/api/v1/cdp/profiles?q=${encodeURIComponent(respondentEmail)}`,
              { token },
            ).then((result) => result.items.length),
          { timeout: 60_000 },
        )
        .toBe(1);
      await page
        .getByRole('navigation', { name: 'Modules' })
        .getByRole('link', { name: 'Customers', exact: true })
        .click();
      await heading(page, 'Customers').waitFor();
      await page.getByLabel('Search customers').fill(respondentEmail);
      const customers = page.getByRole('table', { name: 'Customers' });
      await expect.poll(() => customers.locator('tbody tr').count()).toBe(1);
      await customers.locator('tbody tr').first().getByRole('link').first().click();
      const timeline = page.getByRole('region', { name: 'Timeline' });
      const submitted = timeline.getByRole('listitem').filter({ hasText: 'Form Submitted' });
      await submitted.waitFor({ timeout: 30_000 });
      await page.getByRole('region', { name: 'Identities' }).getByText(respondentEmail).waitFor();
    },
  );
});
