import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSuite, type RunningSuite, type SuiteOptions } from '@orchestrator/server';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect, type TestContext } from 'vitest';
import { chromiumUnavailableReason, launchChromium } from './browser.ts';

const WEB_DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const FAILURE_SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

/** What a browser test works with. */
export interface BrowserTest {
  suite: RunningSuite;
  browser: Browser;
  /** The suite's user, at 1280×800. */
  page: Page;
  /**
   * Another page in a context of its own (a respondent on a phone, say): its script errors fail the
   * test too, and it is screenshotted as `<test>-<name>-failure.png` when the test fails.
   */
  openPage(name: string, options?: BrowserContextOptions): Promise<Page>;
}

export interface BrowserTestOptions {
  /** Names the failure screenshots (`test-results/<name>-failure.png`). */
  name: string;
  /** How the suite starts (default: `startSuite()`'s, an empty in-memory suite). */
  suite?: SuiteOptions;
  /** Options of the main page's context, beyond its 1280×800 viewport. */
  page?: BrowserContextOptions;
}

/**
 * Runs a browser test against a suite of its own in Chromium: skipped where Chromium is missing
 * (a failure when REQUIRE_SERVICES=1), the web app's build required, every page's script errors
 * collected and expected to be none, a full-page screenshot of each page when the test fails, and
 * the browser and suite closed whatever happens.
 */
export async function runBrowserTest(
  context: TestContext,
  options: BrowserTestOptions,
  body: (test: BrowserTest) => Promise<void>,
): Promise<void> {
  const unavailable = chromiumUnavailableReason();
  if (unavailable) {
    if (process.env.REQUIRE_SERVICES === '1') throw new Error(unavailable);
    context.skip(unavailable);
  }
  expect(existsSync(WEB_DIST_INDEX), 'build the web app first: npm run build:web').toBe(true);

  const suite = await startSuite(options.suite);
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  const pages: { name: string; page: Page }[] = [];
  const open = async (name: string, contextOptions: BrowserContextOptions) => {
    const page = await (await browser.newContext(contextOptions)).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    pages.push({ name, page });
    return page;
  };
  try {
    const page = await open('main', { viewport: { width: 1280, height: 800 }, ...options.page });
    await body({
      suite,
      browser,
      page,
      openPage: (name, contextOptions = {}) => open(name, contextOptions),
    });
    expect(pageErrors).toEqual([]);
  } catch (error) {
    mkdirSync(FAILURE_SCREENSHOT_DIR, { recursive: true });
    for (const { name, page } of pages) {
      const file = name === 'main' ? options.name : `${options.name}-${name}`;
      await page
        .screenshot({ path: `${FAILURE_SCREENSHOT_DIR}${file}-failure.png`, fullPage: true })
        .catch(() => {});
    }
    throw error;
  } finally {
    await browser.close();
    await suite.close();
  }
}

/** Signs in through the login form, as a user does, and waits for the page it lands on (Customers). */
export async function logIn(
  page: Page,
  suiteUrl: string,
  { email, password }: { email: string; password: string },
): Promise<void> {
  await page.goto(`${suiteUrl}/login`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers', exact: true }).waitFor();
}
