/**
 * Browser test of the HTML report: Debian's Chromium (never a downloaded one: no `playwright install`)
 * driven by playwright-core loads the rendered fixture report from a file:// URL and checks that it
 * makes no request besides the document, logs no console error, shows the drift table with the
 * expected rows and charts, applies its CSS and sorting script (both allowed by the page's CSP
 * hashes), and renders a non-blank screenshot with the chart colours in it.
 * Without Chromium the test is skipped with a notice, except in CI (`CI=true`), where it fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportResultSchema } from '../../src/core/report/result-schema.ts';
import { renderHtml } from '../../src/renderers/html/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SCREENSHOT = join(here, '..', '__output__', 'html-report.png');

function findChromium(): string | null {
  try {
    const path = execFileSync('which', ['chromium'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return path === '' ? null : path;
  } catch {
    return null;
  }
}

const executablePath = findChromium();
const inCi = process.env.CI === 'true';
if (executablePath === null && !inCi) {
  console.warn(
    '\n⚠ test/browser/html-report.test.ts SKIPPED: chromium not found on PATH (install it with `apt-get install -y chromium`; never `npx playwright install`).\n',
  );
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('HTML report in Chromium', () => {
  it.runIf(executablePath === null && inCi)('has chromium in CI', () => {
    throw new Error(
      'CI=true but `which chromium` found nothing: install Debian chromium (apt-get install -y chromium)',
    );
  });

  describe.skipIf(executablePath === null)('rendered fixture report', () => {
    let userDataDir: string;
    let context: BrowserContext;
    let page: Page;
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    let url: string;

    beforeAll(async () => {
      userDataDir = mkdtempSync(join(tmpdir(), 'driftwatch-chromium-'));
      const fixture = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'html', 'result.json'), 'utf8'));
      const reportPath = join(userDataDir, 'report.html');
      writeFileSync(
        reportPath,
        renderHtml(ReportResultSchema.parse(fixture), { title: 'Customers drift report' }),
      );
      url = pathToFileURL(reportPath).href;
      context = await chromium.launchPersistentContext(join(userDataDir, 'profile'), {
        executablePath: executablePath!,
        args: ARGS,
        headless: true,
        viewport: { width: 1366, height: 900 },
        colorScheme: 'light',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      await page.goto(url, { waitUntil: 'load' });
    });

    afterAll(async () => {
      await context?.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    });

    it('requests nothing but the document itself and logs no console error', () => {
      expect(requests).toEqual([url]);
      expect(consoleErrors).toEqual([]);
    });

    it('applies the inline stylesheet (allowed by its CSP hash)', async () => {
      const position = await page.locator('header.top').evaluate((el) => getComputedStyle(el).position);
      expect(position).toBe('sticky');
    });

    it('shows the drift table with one row and verdict per tested column', async () => {
      const table = page.locator('#drift-table');
      await expect.poll(() => table.isVisible()).toBe(true);
      const names = await table.locator('tbody tr td:first-child').allTextContents();
      expect(names).toEqual(['age', 'income', 'city', 'plan', 'device_model', 'comment']);
      const verdicts = await table.locator('tbody tr td:nth-child(6)').allTextContents();
      expect(verdicts).toEqual([
        '✓ no drift',
        '▲ drift',
        '▲ drift',
        '✓ no drift',
        '✓ no drift',
        '– not tested',
      ]);
      expect(await table.locator('svg.chart').count()).toBe(5);
      expect(await page.locator('svg.chart').first().isVisible()).toBe(true);
      expect(await page.locator('.verdict').textContent()).toBe('✓ No dataset drift');
    });

    it('sorts the drift table by statistic when its header is clicked (inline script allowed by CSP)', async () => {
      const names = () => page.locator('#drift-table tbody tr td:first-child').allTextContents();
      const header = page.locator('#drift-table thead th', { hasText: 'Statistic' });
      await header.click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      expect(await names()).toEqual(['city', 'device_model', 'income', 'age', 'plan', 'comment']);
      await header.click();
      expect(await names()).toEqual(['plan', 'age', 'income', 'device_model', 'city', 'comment']);
      await page.reload({ waitUntil: 'load' });
      expect(consoleErrors).toEqual([]);
    });

    it('renders a non-blank screenshot with both chart colours', async () => {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(png.length).toBeGreaterThan(30_000);
      // Decode the PNG in the browser itself (a blank page, no network) and count pixel colours.
      const decoder = await context.newPage();
      const stats = await decoder.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, img.width, img.height).data;
        let nonWhite = 0;
        let blue = 0;
        let orange = 0;
        const near = (i: number, r: number, g: number, b: number) =>
          Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 24;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) nonWhite++;
          if (near(i, 0x00, 0x72, 0xb2)) blue++;
          if (near(i, 0xe6, 0x9f, 0x00)) orange++;
        }
        return { width: img.width, height: img.height, nonWhite, blue, orange };
      }, png.toString('base64'));
      await decoder.close();
      expect(stats.width).toBe(1366);
      expect(stats.nonWhite / (stats.width * stats.height)).toBeGreaterThan(0.02);
      expect(stats.blue).toBeGreaterThan(500);
      expect(stats.orange).toBeGreaterThan(500);
    });
  });
});
