/**
 * The analyst web app in a real browser: Debian's Chromium (`/usr/bin/chromium`) driven by
 * playwright-core, against the real server (`startServer`, a temporary SQLite file) on a free
 * port. Analyses the project's example story through the page, then checks the annotated text,
 * the evidence highlight of an event (the highlighted words equal the trigger), the events table
 * and its filters, the CSV export, the map (a circle per located place, report counts adding up to
 * the located events), the timeline and the actor network. Screenshots go to `test-artifacts/`.
 * Skipped, with a message, only when `/usr/bin/chromium` is absent.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../helpers/shared.js';
import { CHROMIUM, hasChromium, launchChromium, startTestServer, type TestServer } from '../helpers/browser.js';
import type { Doc } from '../../src/doc/types.js';
import { GDELT_COLUMNS } from '../../src/output/format.js';

if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const artifacts = path.join(repoRoot, 'test-artifacts');
const example = fs.readFileSync(path.join(repoRoot, 'examples', 'border-talks.txt'), 'utf8');

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let server: TestServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  let doc: Doc;
  const pageErrors: string[] = [];
  const t0 = Date.now();
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    server = await startTestServer('browser');
    ({ url } = server);
    timings.viteBuildMs = server.buildMs;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // the one expected failure: the API's 422 for a page with no text (test 'shows an API error')
      if (m.type() === 'error' && !/status of 422/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    // Offline: any request that leaves the server's origin is an error (no CDN).
    await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
    page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    timings.totalMs = Date.now() - t0;
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'browser-timing.json'), JSON.stringify(timings, null, 2) + '\n');
    console.log(`browser test timings (ms): ${JSON.stringify(timings)}`);
  });

  it('analyzes the example story and highlights an event\'s evidence', async () => {
    const t = Date.now();
    await page.goto(`${url}/#/analyze`);
    await expect(page.getByRole('heading', { name: 'Analyze a story' }).isVisible()).resolves.toBe(true);
    // keyboard: the skip link, then the first view link
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Analyze');

    // empty input: a clear error, no request
    await page.click('#analyze-button');
    expect(await page.locator('[role=alert]').first().textContent()).toMatch(/E_EMPTY/);

    await page.getByLabel('Story text').fill(example);
    // hold the request briefly so the busy state is observable however fast the server answers
    await page.route('**/api/analyze', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    const responseP = page.waitForResponse((r) => r.url().endsWith('/api/analyze'));
    const tReq = Date.now();
    await page.click('#analyze-button');
    // progress while analysing: the button is disabled and the progress bar shown
    const busy = await page.evaluate(() => {
      const p = document.getElementById('analyze-progress') as HTMLProgressElement;
      return { disabled: (document.getElementById('analyze-button') as HTMLButtonElement).disabled, hidden: p.hidden, width: p.getBoundingClientRect().width };
    });
    expect(busy.disabled).toBe(true);
    expect(busy.hidden).toBe(false);
    expect(busy.width).toBeGreaterThan(0);
    const response = await responseP;
    await page.unroute('**/api/analyze');
    timings.analyzeRequestMs = Date.now() - tReq;
    expect(response.status()).toBe(200);
    doc = (await response.json()) as Doc;
    expect(doc.events.length).toBeGreaterThan(2);
    await page.locator('.event-list li').first().waitFor();
    expect(await page.locator('.event-list > li').count()).toBe(doc.events.length);
    expect(await page.locator('#analyze-button').isDisabled()).toBe(false);

    // the text is the story's text, exactly (inserted as text), with annotations
    expect(await page.locator('#story-view').textContent()).toBe(doc.text);
    expect(await page.locator('#story-view .seg.place').count()).toBeGreaterThan(0);
    expect(await page.locator('#story-view .seg.timex').count()).toBeGreaterThan(0);
    expect(await page.locator('#story-view .seg.trigger').count()).toBeGreaterThan(0);
    expect(await page.locator('.flags .flag').count()).toBe(doc.flags.length);

    // click an event: its trigger is highlighted and its sentence too
    const ev = doc.events[doc.events.length - 1];
    await page.locator(`.event-pick[data-event="${ev.id}"]`).click();
    const trig = await page.locator('#story-view .hl-trigger').allTextContents();
    expect(trig.join('')).toBe(ev.trigger.text);
    const sentence = await page.locator('#story-view .hl-sentence').allTextContents();
    expect(sentence.join('')).toBe(doc.text.slice(ev.sentence.start, ev.sentence.end));
    expect(await page.locator('#story-view .hl-trigger').first().isVisible()).toBe(true);
    const inView = await page.locator('#story-view .hl-trigger').first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      const box = (el.closest('#story-view') as HTMLElement).getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
    expect(inView).toBe(true);

    // a field linked to its words: the source actor
    await page.locator(`li[data-event="${ev.id}"] button[data-field="source"]`).click();
    expect((await page.locator('#story-view .hl-field').allTextContents()).join('')).toBe(ev.source.text);
    // the place of an event with a place stated in its sentence
    const placed = doc.events.find((e) => e.place && doc.places.some((p) => p.geonamesId === e.place!.geonamesId && p.start >= e.sentence.start && p.end <= e.sentence.end));
    if (placed) {
      await page.locator(`li[data-event="${placed.id}"] button[data-field="place"]`).click();
      const words = (await page.locator('#story-view .hl-field').allTextContents()).join('');
      expect(doc.places.some((p) => p.geonamesId === placed.place!.geonamesId && p.text === words)).toBe(true);
    }
    // clicking a trigger in the text selects its event
    await page.locator('#story-view .seg.trigger').first().click();
    expect(await page.locator('.event-list li.selected').count()).toBe(1);
    await page.locator(`.event-pick[data-event="${ev.id}"]`).click();
    await page.screenshot({ path: path.join(artifacts, 'analyze.png'), fullPage: true });
    timings.analyzeMs = Date.now() - t;
  });

  it('shows an API error clearly', async () => {
    await page.goto(`${url}/#/analyze`);
    await page.reload();
    await page.getByLabel('Story text').fill('<html><body><script>var x = 1;</script></body></html>');
    await page.getByLabel('Input is').selectOption('html');
    await page.click('#analyze-button');
    await page.locator('.alert:not([hidden])').waitFor();
    expect(await page.locator('.alert:not([hidden])').textContent()).toMatch(/^Error E_[A-Z_]+: \S/);
  });

  it('lists the events in the table, filters them and exports CSV', async () => {
    const t = Date.now();
    await page.goto(`${url}/#/events`);
    await page.locator('.events-table tbody tr').first().waitFor();
    expect(await page.locator('.events-table tbody tr').count()).toBe(doc.events.length);
    const triggers = await page.locator('.events-table tbody tr td:nth-child(7)').allTextContents();
    expect(triggers.sort()).toEqual(doc.events.map((e) => `“${e.trigger.text}”`).sort());
    await page.getByLabel('Modality').selectOption('planned');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const planned = doc.events.filter((e) => e.modality === 'planned').length;
    await page.waitForFunction((n) => document.querySelectorAll('.events-table tbody tr').length === n, planned);
    expect(await page.locator('.summary').first().textContent()).toMatch(new RegExp(`of ${planned}\\.`));
    const href = await page.locator('#export-csv').getAttribute('href');
    expect(href).toBe('/api/export.csv?modality=planned');
    const csv = await (await page.request.get(url + href)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0].split(',').slice(0, GDELT_COLUMNS.length)).toEqual([...GDELT_COLUMNS]);
    expect(lines.length - 1).toBe(planned);
    await page.screenshot({ path: path.join(artifacts, 'events.png'), fullPage: true });
    // one click from a row to its evidence
    const first = doc.events.find((e) => e.modality === 'planned')!;
    await page.locator('.events-table tbody tr').first().getByRole('link').click();
    await page.locator('#story-view .hl-trigger').first().waitFor();
    expect((await page.locator('.view-story #story-view .hl-trigger').allTextContents()).join('')).toBe(first.trigger.text);
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.events-table tbody tr').length === n, doc.events.length);
    timings.eventsMs = Date.now() - t;
  });

  it('draws the events on the map, the timeline and the actor network', async () => {
    const t = Date.now();
    await page.goto(`${url}/#/map`);
    await page.locator('svg.map path.country').first().waitFor();
    expect(await page.locator('svg.map path.country').count()).toBeGreaterThan(150);
    await page.locator('circle.event-point').first().waitFor();
    const located = doc.events.filter((e) => e.place);
    const places = new Set(located.map((e) => `${e.place!.lat},${e.place!.lon}`));
    expect(await page.locator('circle.event-point').count()).toBe(places.size);
    const counts = await page.locator('circle.event-point').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(located.length);
    // a bigger circle for more reports
    const radii = await page.locator('circle.event-point').evaluateAll((cs) => cs.map((c) => [Number(c.getAttribute('data-count')), Number(c.getAttribute('r'))]));
    const sorted = [...radii].sort((a, b) => a[0] - b[0]);
    expect(sorted[sorted.length - 1][1]).toBeGreaterThanOrEqual(sorted[0][1]);
    await page.screenshot({ path: path.join(artifacts, 'map.png'), fullPage: true });

    await page.goto(`${url}/#/timeline`);
    await page.locator('svg.timeline g.bar').first().waitFor();
    const months = new Set(doc.events.filter((e) => e.date && /^\d{4}-\d{2}/.test(e.date)).map((e) => e.date!.slice(0, 7)));
    expect(await page.locator('svg.timeline g.bar').count()).toBe(months.size);
    await page.screenshot({ path: path.join(artifacts, 'timeline.png'), fullPage: true });

    await page.goto(`${url}/#/network`);
    await page.locator('#network canvas').first().waitFor();
    const pairs = new Set(doc.events.filter((e) => e.target).map((e) => `${e.source.actor}>${e.target!.actor}>${e.quadClass}`));
    expect(await page.locator('table[aria-label="Actor network edges"] tbody tr').count()).toBe(pairs.size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, 'network.png'), fullPage: true });
    timings.viewsMs = Date.now() - t;
    expect(pageErrors).toEqual([]);
  });
});
