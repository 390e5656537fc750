/**
 * Browser test of the HTML report: Debian's Chromium (never a downloaded one: no `playwright install`)
 * driven by playwright-core loads the rendered fixture report from a file:// URL and checks that it
 * makes no request besides the document, logs no console error, shows the drift table with the
 * expected rows and charts, applies its CSS and sorting script (both allowed by the page's CSP
 * hashes), and renders a non-blank screenshot with the chart colours in it.
 * Without Chromium the test is skipped with a notice, except in CI (`CI=true`), where it fails.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportResultSchema } from '../../src/core/report/result-schema.ts';
import { SuiteResultSchema } from '../../src/core/suite/suite-result-schema.ts';
import { renderHtml } from '../../src/renderers/html/index.ts';
import { CHROMIUM_ARGS, findChromium, inCi } from '../support/chromium.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SCREENSHOT = join(here, '..', '__output__', 'html-report.png');
const MODEL_SCREENSHOT = join(here, '..', '__output__', 'html-model-report.png');
const CHUNKS_SCREENSHOT = join(here, '..', '__output__', 'html-chunks-report.png');

const executablePath = findChromium('test/browser/html-report.test.ts');
const ARGS = CHROMIUM_ARGS;

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
  // Its own plain describe: Biome's noDuplicateTestHooks does not see `describe.skipIf(...)(...)` as a scope.
  describe('model and test-run report', () => {
    describe.skipIf(executablePath === null)('rendered model and test-run report', () => {
      let userDataDir: string;
      let context: BrowserContext;
      let page: Page;
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      let url: string;

      beforeAll(async () => {
        userDataDir = mkdtempSync(join(tmpdir(), 'driftwatch-chromium-'));
        const raw = JSON.parse(
          readFileSync(join(here, '..', 'fixtures', 'html', 'test-result.json'), 'utf8'),
        );
        const suite = SuiteResultSchema.parse({ tests: raw.tests, summary: raw.testSummary });
        const result = { ...ReportResultSchema.parse(raw), tests: suite.tests, testSummary: suite.summary };
        const reportPath = join(userDataDir, 'model-report.html');
        writeFileSync(reportPath, renderHtml(result, { title: 'Car loan model report' }));
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

      it('shows the tests first, then model quality, segments and fairness', async () => {
        const ids = await page.locator('main > section').evaluateAll((els) => els.map((e) => e.id));
        expect(ids.slice(0, 5)).toEqual(['tests', 'summary', 'model', 'segments', 'fairness']);
        expect(await page.locator('#tests .verdict').textContent()).toBe('✗ 4 tests failed');
        expect(await page.locator('#tests-table tbody tr').count()).toBe(13);
        // The 41 passed tests are folded: hidden until their <details> is opened (no script needed).
        const passed = page.locator('#tests-passed-table');
        expect(await passed.isVisible()).toBe(false);
        await page.locator('#tests-passed summary').click();
        expect(await passed.isVisible()).toBe(true);
        expect(await passed.locator('tbody tr').count()).toBe(41);
        await page.locator('#tests-passed summary').click();
        expect(await page.locator('#segments-table tbody tr').count()).toBe(25);
      });

      it('draws the curves with the dashed current line and the shaded confusion matrix (stylesheet applied)', async () => {
        for (const id of ['roc-chart', 'pr-chart', 'rel-chart'])
          expect(await page.locator(`svg[aria-labelledby=${id}]`).isVisible()).toBe(true);
        const roc = page.locator('svg[aria-labelledby=roc-chart]');
        const cur = await roc.locator('path.lc').evaluate((el) => {
          const cs = getComputedStyle(el);
          return { dash: cs.strokeDasharray, stroke: cs.stroke };
        });
        expect(cur.dash).toBe('7px, 4px');
        expect(cur.stroke).toBe('rgb(230, 159, 0)');
        const ref = await roc.locator('path.lr').evaluate((el) => getComputedStyle(el).stroke);
        expect(ref).toBe('rgb(0, 114, 178)');
        const box = await roc.boundingBox();
        expect(box!.width).toBe(300);
        const shade = await page
          .locator('#cm-current td.hm5')
          .first()
          .evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(shade).toBe('rgba(0, 114, 178, 0.82)');
      });

      it('renders a non-blank screenshot of the model sections', async () => {
        mkdirSync(dirname(MODEL_SCREENSHOT), { recursive: true });
        // From the top of the page to the end of the fairness section (tests, summary, model, segments, fairness),
        // scrolled to the top so the sticky header is drawn where it belongs.
        await page.evaluate(() => window.scrollTo(0, 0));
        const end = await page.locator('#fairness').boundingBox();
        const png = await page.screenshot({
          path: MODEL_SCREENSHOT,
          fullPage: true,
          clip: { x: 0, y: 0, width: 1366, height: Math.ceil(end!.y + end!.height) },
        });
        expect(png.length).toBeGreaterThan(100_000);
      });
    });
  });
  // The "Over time" section on the car-loan chunks result (test/fixtures/html/chunks-result.json).
  describe('chunks report', () => {
    describe.skipIf(executablePath === null)('rendered chunks report', () => {
      let userDataDir: string;
      let context: BrowserContext;
      let page: Page;
      const requests: string[] = [];
      const consoleErrors: string[] = [];
      let url: string;

      beforeAll(async () => {
        userDataDir = mkdtempSync(join(tmpdir(), 'driftwatch-chromium-'));
        const raw = JSON.parse(
          readFileSync(join(here, '..', 'fixtures', 'html', 'chunks-result.json'), 'utf8'),
        );
        const reportPath = join(userDataDir, 'chunks-report.html');
        writeFileSync(reportPath, renderHtml(ReportResultSchema.parse(raw), { title: 'Car loan over time' }));
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

      it('draws the series with dashed estimates, the grey band and red alert marks (stylesheet applied)', async () => {
        const roc = page.locator('figure[data-metric=rocAuc] svg');
        expect(await roc.isVisible()).toBe(true);
        expect((await roc.boundingBox())!.width).toBe(400);
        const est = await roc.locator('path.lc').evaluate((el) => {
          const cs = getComputedStyle(el);
          return { dash: cs.strokeDasharray, stroke: cs.stroke };
        });
        expect(est).toEqual({ dash: '7px, 4px', stroke: 'rgb(230, 159, 0)' });
        expect(await roc.locator('path.lr').evaluate((el) => getComputedStyle(el).stroke)).toBe(
          'rgb(0, 114, 178)',
        );
        const alerts = roc.locator('g.alert');
        expect(await alerts.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-chunk'))))).toEqual(
          [5, 6, 7, 8, 9],
        );
        expect(
          await alerts
            .first()
            .locator('path')
            .evaluate((el) => getComputedStyle(el).fill),
        ).toBe('rgb(179, 38, 30)');
        expect(await roc.locator('rect.na').evaluate((el) => getComputedStyle(el).fill)).toBe(
          'rgb(89, 99, 110)',
        );
        expect(await page.locator('#chunks-table tbody tr.drifted').count()).toBe(5);
      });

      it('renders a non-blank screenshot of the "Over time" section', async () => {
        mkdirSync(dirname(CHUNKS_SCREENSHOT), { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        const box = await page.locator('#chunks').boundingBox();
        const png = await page.screenshot({
          path: CHUNKS_SCREENSHOT,
          fullPage: true,
          clip: { x: 0, y: Math.floor(box!.y) - 8, width: 1366, height: Math.ceil(box!.height) + 16 },
        });
        expect(png.length).toBeGreaterThan(100_000);
      });
    });
  });
});
