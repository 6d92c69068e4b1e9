/**
 * The `app` fixture: a fresh Chromium page on the served app that records console errors and
 * every request leaving the app's origin, and saves a screenshot to test-results/e2e when the
 * test fails.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect, inject, test as base } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { waitForMapIdle } from './map-page.ts';
// The window.lianpian automation handle's type (declare global) for page.evaluate callbacks.
export type { AutomationHandle } from '../../src/map/automation.ts';

export const ARTIFACTS_DIR = 'test-results/e2e';

export interface AppPage {
  page: Page;
  baseUrl: string;
  /** Requests to any origin other than the app's (must stay empty). */
  externalRequests: string[];
  /** console.error messages and uncaught page errors. */
  consoleErrors: string[];
  /** Opens the app at `hash` and waits until the map is idle; throws at once on a map error. */
  open(hash?: string, options?: { waitForIdle?: boolean }): Promise<void>;
  /** Saves a screenshot as test-results/e2e/<name>.png (kept as a test artifact). */
  screenshot(name: string): Promise<string>;
}

let browserPromise: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  browserPromise ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return browserPromise;
}
afterAll(async () => {
  if (browserPromise) await (await browserPromise).close();
  browserPromise = undefined;
});

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80);
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ task }, use) => {
    const baseUrl = inject('baseUrl');
    const origin = new URL(baseUrl).origin;
    const browser = await sharedBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1, hasTouch: true });
    const page = await context.newPage();
    const externalRequests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) externalRequests.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const app: AppPage = {
      page,
      baseUrl,
      externalRequests,
      consoleErrors,
      async open(hash = '', { waitForIdle = true } = {}) {
        await page.goto(`${baseUrl}${hash}`);
        if (waitForIdle) await waitForMapIdle(page);
      },
      async screenshot(name) {
        const path = `${ARTIFACTS_DIR}/${slug(name)}.png`;
        await page.screenshot({ path });
        return path;
      },
    };
    await use(app);
    if (task.result?.state === 'fail') {
      await page.screenshot({ path: `${ARTIFACTS_DIR}/FAILED-${slug(task.name)}.png` }).catch(() => undefined);
    }
    await context.close();
    // Every test, whatever it does: the page stays offline and raises no errors.
    expect(externalRequests, 'requests outside the app origin').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  },
});
