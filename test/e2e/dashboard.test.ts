/**
 * The dashboard in a real browser (Debian chromium via playwright-core) against the real server
 * with the demo data: every view renders numbers, a filter changes them, a theme click shows its
 * comments with the evidence highlighted, discovery suggestions can be accepted and re-tagged.
 * One server and one browser for the whole file; screenshots of each view go to
 * test-artifacts/screenshots (UPDATE_SCREENSHOTS=1 also writes docs/screenshots for the README).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.js';
import { DASHBOARD_DIR } from '../../src/server/dashboard-static.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { ARTIFACTS_DIR, launchChromium } from './browser.js';

const DOCS_SCREENSHOTS = path.resolve('docs', 'screenshots');

let server: RunningServer;
let browser: Browser;
let page: Page;
let folder: string;
const pageErrors: string[] = [];

async function screenshot(name: string, fullPage = false): Promise<void> {
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${name}.png`));
  }
}

async function open(hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.locator('h1.view-title').first().waitFor();
}

/** The number in a text such as "77.6%" or "−53". */
function numberIn(text: string): number {
  const match = /[−-]?\d[\d,]*(\.\d+)?/.exec(text);
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0].replace('−', '-').replace(/,/g, ''));
}

beforeAll(async () => {
  if (!existsSync(path.join(DASHBOARD_DIR, 'index.html'))) throw new Error(`the dashboard is not built (${DASHBOARD_DIR}): run "npm run build" first`);
  folder = mkdtempSync(path.join(os.tmpdir(), 'verbatim-e2e-'));
  server = await startServer(loadServerConfig({ PORT: '0', HOST: '127.0.0.1', VERBATIM_DB: path.join(folder, 'e2e.db'), VERBATIM_DEMO: '1' }), { logger: false });
  await server.demoLoaded;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(20_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('dashboard in chromium', () => {
  it('serves the dashboard at / and keeps the API routes', async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="app">');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const missing = await fetch(`${server.url}/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('VERBATIM_E_NOT_FOUND');
  });

  it('overview shows the scores with counts, and a segment filter changes them', async () => {
    await open('#/overview');
    const csat = page.getByTestId('kpi-csat-value');
    await expect.poll(() => csat.textContent()).toMatch(/^\d+\.\d%$/);
    const before = numberIn((await csat.textContent())!);
    expect(before).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('kpi-nps-value').textContent()).toMatch(/\d/);
    await expect.poll(() => page.getByTestId('kpi-csat').textContent()).toContain('3,000 scored');
    await page.getByTestId('volume-chart').locator('canvas').waitFor();
    await screenshot('overview');

    await page.getByLabel('Segment').selectOption('intimates');
    await expect.poll(() => page.getByTestId('kpi-csat').textContent()).not.toContain('3,000 scored');
    const after = numberIn((await csat.textContent())!);
    expect(after).not.toBe(before);
    expect(page.url()).toContain('segment=intimates');
  });

  it('overview splits the score by language, and a language opens its comments', async () => {
    await open('#/overview');
    await page.getByLabel('Score').selectOption('nps');
    const table = page.getByTestId('language-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(1);
    // Most comments first: the demo is English but for a few sample comments in other languages.
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toBe('English');
    const french = table.locator('tbody tr', { hasText: 'French' });
    expect(numberIn((await french.locator('td').first().textContent())!)).toBeGreaterThan(0);
    await french.getByRole('link', { name: 'French' }).click();
    await page.getByTestId('comment').first().waitFor();
    expect(page.url()).toContain('language=fr');
    await expect.poll(() => page.getByLabel('Language', { exact: true }).inputValue()).toBe('fr');
    for (const comment of await page.getByTestId('comment').all()) expect(await comment.textContent()).toContain('French');
  });

  it('themes table sorts by keyboard and a theme opens with its comments highlighted', async () => {
    await open('#/themes');
    const table = page.getByTestId('themes-table');
    await table.locator('tbody tr').nth(10).waitFor();
    const firstRow = () => table.locator('tbody tr').first().locator('th').textContent();
    expect(await firstRow()).toContain('Sizing and fit');
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/2,0\d\d/);
    await screenshot('themes');

    const impact = table.getByRole('button', { name: /^Impact/ });
    await impact.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    await page.keyboard.press('Enter');
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    // In the demo's clothing reviews, quality complaints cost the score most.
    expect(await firstRow()).toContain('Product quality');

    await table.getByRole('link', { name: 'Returns and exchanges' }).click();
    await expect.poll(() => page.getByTestId('theme-title').textContent()).toBe('Returns and exchanges');
    await expect.poll(() => page.getByTestId('theme-mentions').textContent()).toMatch(/\d/);
    await page.getByTestId('theme-trend-chart').locator('canvas').waitFor();
    const comments = page.getByTestId('comment');
    await comments.first().waitFor();
    expect(await comments.count()).toBe(10);
    // Every listed comment mentions the theme, and its evidence is highlighted in the text.
    const focused = await page.locator('[data-testid="comment"] mark.evidence--focus[data-theme="returns"]').count();
    expect(focused).toBeGreaterThanOrEqual(10);
    const marked = await page.locator('mark.evidence--focus').first().textContent();
    expect(marked!.toLowerCase()).toMatch(/return|exchang|send|sent/);
    await expect.poll(() => page.getByTestId('comment-count').textContent()).toMatch(/of \d+ comments/);
    await screenshot('theme-detail');
  });

  it('drivers show the fix-first quadrant by theme and by stage, with revenue at risk', async () => {
    await open('#/drivers');
    await page.getByTestId('drivers-chart').locator('canvas').waitFor();
    const fixFirst = page.getByTestId('fix-first');
    await expect.poll(() => fixFirst.locator('li').count()).toBeGreaterThan(0);
    expect(await fixFirst.textContent()).toContain('Returns and exchanges');
    expect(await page.getByTestId('drivers-table').locator('thead').textContent()).toContain('Revenue at risk');
    await screenshot('drivers');
    await page.getByLabel('By stage').check();
    await expect.poll(() => page.getByTestId('drivers-table').locator('tbody tr').count()).toBe(8);
  });

  it('journey lists the stages in order with their scores and flags where it hurts', async () => {
    await open('#/journey');
    const stages = page.getByTestId('journey').locator('li');
    await expect.poll(() => stages.count()).toBe(8);
    expect(await stages.first().textContent()).toContain('Awareness');
    expect(await stages.nth(3).textContent()).toMatch(/Delivery[\s\S]*Mentions[\s\S]*\d/);
    expect(await page.locator('.journey__stage--worst').textContent()).toContain('Delivery');
    await page.getByTestId('journey-chart').locator('canvas').waitFor();
    await screenshot('journey');
  });

  it('comments search and filters narrow the list and keep the highlights', async () => {
    await open('#/comments');
    const count = page.getByTestId('comment-count');
    await expect.poll(() => count.textContent()).toMatch(/of 3,125 comments/);
    await page.getByLabel('Search text').fill('zipper');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => count.textContent()).not.toMatch(/of 3,125 comments/);
    const found = numberIn((await count.textContent())!.split(' of ')[1]!);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(3125);
    expect((await page.getByTestId('comment').first().textContent())!.toLowerCase()).toContain('zipper');
    await page.getByLabel('Sentiment', { exact: true }).selectOption('negative');
    await expect.poll(async () => numberIn((await count.textContent())!.split(' of ')[1] ?? '0')).toBeLessThan(found);
    await page.getByTestId('comment').first().locator('mark.evidence').first().waitFor();
    await screenshot('comments');
    // The demo comments are English: a French filter empties the list, "Any language" restores it.
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await expect.poll(() => page.getByTestId('comment').count()).toBe(0);
    expect(page.url()).toContain('language=fr');
    await page.getByLabel('Language', { exact: true }).selectOption('');
    await page.getByTestId('comment').first().waitFor();
  });

  it('discovery suggests themes; an accepted one joins a new taxonomy and the comments are re-tagged', async () => {
    await open('#/discovery');
    await page.getByLabel('Comments to read').fill('800');
    await page.getByLabel('Most themes').fill('8');
    await page.getByRole('button', { name: 'Run discovery' }).click();
    const suggestions = page.getByTestId('suggestion');
    await suggestions.first().waitFor({ timeout: 60_000 });
    expect(await suggestions.count()).toBeGreaterThan(1);
    await screenshot('discovery');

    const first = suggestions.first();
    await first.getByLabel('Accept').check();
    await first.locator('input.suggestion__label').fill('E2E accepted theme');
    await suggestions.nth(1).getByLabel('Merge into').selectOption({ index: 1 });
    await page.getByLabel('New taxonomy id').fill('e2e-reviewed');
    await page.getByRole('button', { name: /Add 1 theme to default and re-tag/ }).click();
    await page.getByTestId('retag-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('retag-done').textContent()).toContain('3,125 comments were re-tagged');
    await expect.poll(() => page.locator('.app-header').textContent()).toContain('e2e-reviewed');
    await screenshot('discovery-accepted');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
