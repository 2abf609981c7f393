import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { logIn, runBrowserTest } from './browser-test.ts';
import { api } from './suite-api.ts';

/** A step on the canvas, found by what its card says (category and type label). */
function canvasNode(page: Page, label: string | RegExp): Locator {
  return page.locator('.react-flow__node').filter({ has: page.getByLabel(label) });
}

/** Drags a step from the palette onto the canvas at a point of the pane. */
async function dropStep(page: Page, type: string, at: { x: number; y: number }) {
  await page.dragAndDrop(`[data-node-type="${type}"]`, '.react-flow__pane', { targetPosition: at });
}

/** Draws a connection with the mouse, from an output handle to a step's input handle. */
async function connectHandles(page: Page, from: Locator, to: Locator) {
  const source = await from.boundingBox();
  const target = await to.boundingBox();
  if (!source || !target) throw new Error('a handle is not on screen');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

function output(node: Locator, handle: string): Locator {
  return node.locator(`.react-flow__handle.source[data-handleid="${handle}"]`);
}

function input(node: Locator): Locator {
  return node.locator('.react-flow__handle.target');
}

test('a user draws an automation (form submitted → condition → e-mail), publishes it, and a form submission runs it to completion with the e-mail sent', async (context) => {
  await runBrowserTest(context, { name: 'flows' }, async ({ suite, page, openPage }) => {
    const respondent = await openPage('public', { viewport: { width: 390, height: 844 } });
    const run = randomUUID().slice(0, 8);
    const email = `e2e-flows-${run}@example.com`;
    const password = 'correct horse battery';
    // Not @example.com: the CDP never treats addresses of reserved test domains as identities.
    const leadEmail = `grace-${run}@compilers.io`;
    const flowName = `Welcome leads ${run}`;
    const subject = `Welcome aboard ${run}`;
    const { token, tenant } = await api<{ token: string; tenant: { id: string } }>(
      suite.url,
      'POST',
      '/api/v1/auth/signup',
      {
        body: { email, password, name: 'Flo Flows', workspace: 'Flows Co' },
      },
    );
    const auth = { token, tenant: tenant.id };

    // A published form to start the automation from, made through the API.
    const form = await api<{ id: string }>(suite.url, 'POST', '/api/v1/forms', {
      ...auth,
      body: {
        title: `Contact ${run}`,
        fields: [
          { id: 'email', kind: 'email', title: 'Your e-mail', required: true },
          { id: 'company', kind: 'short_text', title: 'Company' },
        ],
      },
    });
    const { url: publicUrl } = await api<{ url: string }>(
      suite.url,
      'POST',
      `/api/v1/forms/${form.id}/publish`,
      {
        ...auth,
        body: {},
      },
    );

    await logIn(page, suite.url, { email, password });

    // A blank automation opens in the editor.
    await page
      .getByRole('navigation', { name: 'Modules' })
      .getByRole('link', { name: 'Automations', exact: true })
      .click();
    await page.getByRole('heading', { name: 'No automations yet' }).waitFor();
    await page.getByRole('button', { name: 'New automation' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New automation' });
    await dialog.getByLabel('Name', { exact: true }).fill(flowName);
    await dialog.getByRole('button', { name: 'Create blank' }).click();
    await page.getByRole('heading', { level: 1, name: flowName }).waitFor();
    await page.getByRole('button', { name: 'Publish (1 problem)' }).waitFor();

    // Three steps dragged from the palette onto the canvas.
    await dropStep(page, 'trigger.formSubmitted', { x: 40, y: 40 });
    await dropStep(page, 'logic.condition', { x: 40, y: 220 });
    await dropStep(page, 'action.sendEmail', { x: 240, y: 330 });
    const trigger = canvasNode(page, 'Trigger: Form submitted');
    const condition = canvasNode(page, /^Logic: Condition/);
    const sendEmail = canvasNode(page, /^Action: Send e-mail/);
    await Promise.all([trigger.waitFor(), condition.waitFor(), sendEmail.waitFor()]);
    // Not joined yet: the two later steps cannot be reached, which the canvas says on them.
    await condition.getByText('No path from the trigger leads to this step.').waitFor();

    // Joined with the mouse; a loop back into the trigger is refused as it is drawn.
    await connectHandles(page, output(trigger, 'next'), input(condition));
    await connectHandles(page, output(condition, 'true'), input(sendEmail));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await connectHandles(page, output(sendEmail, 'next'), input(condition));
    await page.waitForTimeout(200);
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    // Auto-layout puts the steps left to right; Ctrl+Z puts them back, Ctrl+Shift+Z lays them out again.
    const placeOf = (node: Locator) => node.evaluate((element) => (element as HTMLElement).style.transform);
    const dropped = await placeOf(sendEmail);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(() => placeOf(sendEmail)).not.toBe(dropped);
    const laidOut = await placeOf(sendEmail);
    await page.keyboard.press('Control+z');
    await expect.poll(() => placeOf(sendEmail)).toBe(dropped);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => placeOf(sendEmail)).toBe(laidOut);
    await page.waitForTimeout(400); // the view fits the laid-out steps

    // Configured in the side panel: the form, the condition on the submitted company, the e-mail.
    const panel = page.getByRole('complementary', { name: 'Selected step' });
    await trigger.click();
    await panel.getByLabel('Form', { exact: false }).first().fill(form.id);
    await condition.click();
    await panel.getByLabel('Path').first().fill('event.properties.answersById.company');
    await sendEmail.click();
    await panel.getByLabel(/^To\*?$/).fill('{{event.properties.email}}');
    await panel.getByLabel(/^Subject\*?$/).fill(subject);
    await sendEmail.getByText(`“${subject}” to {{event.properties.email}}`).waitFor();

    // Publish once the draft is saved and has no problems.
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1.').waitFor();
    await page.getByRole('button', { name: '← Automation settings' }).click();
    const versions = page.getByRole('list', { name: 'Published versions' });
    await versions.getByRole('listitem').filter({ hasText: 'v1' }).getByText('Takes new runs').waitFor();

    // Someone submits the public form.
    await respondent.goto(`${suite.url}${new URL(publicUrl).pathname}`);
    await respondent.getByLabel('Your e-mail').fill(leadEmail);
    await respondent.getByLabel('Company').fill('Analytical Engines');
    await respondent.getByRole('button', { name: 'Submit' }).click();
    await respondent.getByRole('heading', { name: 'Thank you!' }).waitFor();

    // The run shows up, completes, and its steps are marked on the canvas.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Runs of ${flowName}` }).waitFor();
    const runLink = page.getByRole('table', { name: 'Runs' }).getByRole('link').first();
    await runLink.waitFor({ timeout: 30_000 });
    await runLink.click();
    await page.getByRole('heading', { level: 1, name: /^Run / }).waitFor();
    await page.getByText('Completed', { exact: true }).first().waitFor({ timeout: 30_000 });
    await canvasNode(page, /^Action: Send e-mail/)
      .getByText('Succeeded')
      .waitFor();
    const timeline = page.getByRole('list', { name: 'Steps of this run' });
    await expect.poll(() => timeline.getByRole('listitem').count()).toBe(3);

    // The e-mail reached the mock mailbox.
    const mailbox = await api<{ items: Array<{ to: string[]; subject: string }> }>(
      suite.url,
      'GET',
      '/api/v1/dev/mailbox',
      auth,
    );
    expect(
      mailbox.items.filter((message) => message.subject === subject).map((message) => message.to),
    ).toEqual([[leadEmail]]);
  });
});
