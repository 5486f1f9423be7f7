/**
 * Output escaping in the web app, in a real browser (Debian's Chromium at `/usr/bin/chromium`,
 * driven by playwright-core, against the real server on a free port): a story whose text holds
 * `<script>` and `<img src=x onerror=…>` is analysed through the UI and shown as text — no dialog
 * opens, no script runs, no element is created from it, and the markup is visible as characters —
 * in the story view and in the events table. Skipped only when `/usr/bin/chromium` is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, startTestServer, type TestServer } from '../helpers/browser.js';

const HOSTILE = 'Russian President Vladimir Putin visited Paris on Monday. '
  + 'A post on his site read <script>alert("script")</script> in full. '
  + 'Russia criticized Ukraine on Tuesday. '
  + 'One comment said <img src=x onerror="alert(\'img\');window.__xss=1"> and <svg onload=alert(\'svg\')> '
  + 'and <a href="javascript:alert(\'a\')">here</a>.';

describe.skipIf(!hasChromium)('the web app shows hostile story text as text', () => {
  let server: TestServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('xss');
    url = server.url;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('analyses the story through the UI: no dialog, no element made from the text, the markup visible', async () => {
    await page.goto(`${url}/#/analyze`);
    await page.getByLabel('Story text').fill(HOSTILE);
    await page.getByLabel('Input is').selectOption('text');
    const responseP = page.waitForResponse((r) => r.url().endsWith('/api/analyze'));
    await page.click('#analyze-button');
    const response = await responseP;
    expect(response.status()).toBe(200);
    const doc = await response.json();
    expect(doc.text).toContain('<script>');
    await page.locator('.event-list li').first().waitFor();
    await page.waitForTimeout(300); // let any injected handler fire
    const view = page.locator('#story-view');
    expect(await view.textContent()).toBe(doc.text);
    expect(await view.innerText()).toContain('<img src=x onerror=');
    expect(await page.locator('#story-view script, #story-view img, #story-view svg, #story-view a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('the events table shows the evidence as text too', async () => {
    await page.goto(`${url}/#/events`);
    await page.locator('.events-table tbody tr').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('.events-table img, .events-table script, .events-table svg').count()).toBe(0);
    expect(await page.locator('main img[src="x"], body script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
