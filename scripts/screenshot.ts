/**
 * Saves docs/screenshot.png: the Customers page of a fresh demo workspace at 1280×800.
 *
 *   npm run build:web && node --import tsx scripts/screenshot.ts
 *
 * Starts the whole suite in-process (in-memory database, the built web app), signs up a workspace
 * through the API, signs in through the real login form, and photographs the page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSuite } from '@orchestrator/server';
import { chromiumUnavailableReason, launchChromium } from '../apps/web/e2e/browser.ts';

const WEB_DIST_INDEX = fileURLToPath(new URL('../apps/web/dist/index.html', import.meta.url));
const OUTPUT_DIR = fileURLToPath(new URL('../docs/', import.meta.url));
const OUTPUT = `${OUTPUT_DIR}screenshot.png`;

const demo = {
  email: `dana.demo+${Date.now()}@example.com`,
  password: 'demo-password-123',
  name: 'Dana Demo',
  workspace: 'Acme Inc',
};

if (!existsSync(WEB_DIST_INDEX)) {
  console.error('apps/web/dist is missing: run `npm run build:web` first.');
  process.exit(1);
}
const chromiumMissing = chromiumUnavailableReason();
if (chromiumMissing) {
  console.error(chromiumMissing);
  process.exit(1);
}

const suite = await startSuite();
const browser = await launchChromium();
try {
  const signup = await fetch(`${suite.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demo),
  });
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${await signup.text()}`);

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(15_000);
  await page.goto(`${suite.url}/login`);
  await page.getByLabel('E-mail', { exact: true }).fill(demo.email);
  await page.getByLabel('Password', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers', exact: true }).waitFor();
  // Let the sidebar's meta-driven items and web fonts settle before the picture.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);

  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: OUTPUT });
  console.log(`Saved ${OUTPUT}`);
} finally {
  await browser.close();
  await suite.close();
}
