/**
 * The web app against a server started with an access token (`dateline serve --token`), in
 * Debian's Chromium via playwright-core: without the token the Analyze view shows the API's 401
 * `E_UNAUTHORIZED` as a one-line error and stores nothing; with the token typed in the "Access
 * token" field the story is analysed and stored, and the token is sent as `Authorization: Bearer`
 * (never in the URL). Skipped, with a message, only when `/usr/bin/chromium` is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium, startTestServer, type TestServer } from '../helpers/browser.js';

if (!hasChromium) console.warn(`browser token test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const TOKEN = 'test-token-7f3a9c';
const STORY = 'Foreign ministers of Latvia and Moldova met in Riga on Tuesday and signed an agreement on border checks.';

describe.skipIf(!hasChromium)('web app with an access token', () => {
  let server: TestServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const authHeaders: Array<string | undefined> = [];

  beforeAll(async () => {
    server = await startTestServer('token', { token: TOKEN });
    url = server.url;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (r) => {
      if (r.url().endsWith('/api/analyze')) authHeaders.push(r.headers()['authorization']);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows 401 without the token and analyses with it', async () => {
    await page.goto(`${url}/#/analyze`);
    await page.getByLabel('Story text').fill(STORY);
    await page.click('#analyze-button');
    const alert = page.locator('.alert:not([hidden])');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Error E_UNAUTHORIZED: /);
    // the token field has the focus after a 401
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-token');
    const before = await (await fetch(`${url}/api/stories`)).json();
    expect(before.total).toBe(0);

    await page.getByLabel('Access token').fill(TOKEN);
    await page.click('#analyze-button');
    await page.locator('.status', { hasText: /Stored as/ }).waitFor();
    expect(await page.locator('.alert').isHidden()).toBe(true);
    const after = await (await fetch(`${url}/api/stories`)).json();
    expect(after.total).toBe(1);
    expect(authHeaders).toEqual([undefined, `Bearer ${TOKEN}`]);
    // kept for the tab: a reload keeps the field filled
    await page.reload();
    expect(await page.getByLabel('Access token').inputValue()).toBe(TOKEN);
  });
});
