import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { logIn, runBrowserTest } from './browser-test.ts';
import { api } from './suite-api.ts';

const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

test('whoever installs a snippet watches its events arrive in the source debugger, and sees why a request was refused', async (context) => {
  await runBrowserTest(context, { name: 'source-debugger' }, async ({ suite, page }) => {
    const run = randomUUID().slice(0, 8);
    const email = `e2e-debugger-${run}@example.com`;
    const password = 'correct horse battery';
    const { token } = await api<{ token: string }>(suite.url, 'POST', '/api/v1/auth/signup', {
      body: { email, password, name: 'Dee Bugger', workspace: 'Debugger Co' },
    });
    const source = await api<{ writeKey: string }>(suite.url, 'POST', '/api/v1/cdp/sources', {
      token,
      body: { name: 'Marketing site' },
    });
    const send = (path: string, body: unknown) =>
      fetch(`${suite.url}${path}`, {
        method: 'POST',
        headers: { authorization: basicAuth(source.writeKey), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    await logIn(page, suite.url, { email, password });
    await page.getByRole('link', { name: 'Sources', exact: true }).click();
    await page.getByRole('link', { name: 'Debugger of Marketing site' }).click();
    await page.getByRole('heading', { level: 1, name: 'Debugger: Marketing site' }).waitFor();
    await page.getByText('Nothing received in the last day').waitFor();

    // The snippet sends a page view and a sign-up: both appear, and each lands in a profile.
    expect(
      (
        await send('/v1/batch', {
          batch: [
            { type: 'page', anonymousId: `visitor-${run}`, name: 'Pricing' },
            { type: 'identify', anonymousId: `visitor-${run}`, userId: `dee-${run}` },
          ],
        })
      ).status,
    ).toBe(200);
    const table = page.getByRole('table', { name: 'What the source sent, newest first' });
    await table.getByRole('rowheader', { name: 'page Pricing' }).waitFor();
    await table.getByRole('rowheader', { name: 'identify' }).waitFor();
    await expect.poll(() => table.getByText('In a profile').count(), { timeout: 20_000 }).toBe(2);

    // A server sends a track without any identity: refused, and the debugger says what is missing.
    expect((await send('/v1/track', { event: 'Plan Chosen' })).status).toBe(400);
    const refusedRow = table.getByRole('row').filter({ hasText: 'Refused' });
    await refusedRow.getByText('The track message is invalid; nothing was accepted').waitFor();
    await refusedRow.getByRole('button', { name: /^Details of the track/ }).click();
    const details = page.getByRole('list', { name: 'What was wrong' });
    await details.getByText('userId or anonymousId is required').waitFor();
    await page.getByText('"event": "Plan Chosen"').waitFor();

    // Paused, it stops polling; the profile link opens the customer the sign-up went to.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').getByText('Paused.').waitFor();
    await table
      .getByRole('row')
      .filter({ hasText: 'identify' })
      .getByRole('link', { name: /^profile/ })
      .click();
    await page.getByText(`dee-${run}`).first().waitFor();
  });
});
