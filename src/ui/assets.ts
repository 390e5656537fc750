/**
 * Static assets of the dashboard, all served by the server itself (no CDN; works offline): the stylesheet, the
 * client script, and uPlot's script and stylesheet read once at start-up from `node_modules` (resolved with
 * `createRequire`, so it works from the sources, the tsc build and the esbuild bundle alike).
 * URLs carry a content hash (`?v=…`), so the files can be cached for a year and still change with a release.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DASHBOARD_SCRIPT } from './assets/dashboard-script.ts';
import { DASHBOARD_STYLES } from './assets/dashboard-styles.ts';

export interface Asset {
  readonly body: string;
  readonly contentType: string;
  readonly version: string;
}

function asset(body: string, contentType: string): Asset {
  return { body, contentType, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

function readPackageFile(specifier: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    return readFileSync(require.resolve(specifier), 'utf8');
  } catch {
    return null;
  }
}

const uplotJs = readPackageFile('uplot/dist/uPlot.iife.min.js');
const uplotCss = readPackageFile('uplot/dist/uPlot.min.css');

/** Assets by file name under `/assets/`. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['dashboard.css', asset(DASHBOARD_STYLES, 'text/css; charset=utf-8')] as const,
  ['dashboard.js', asset(DASHBOARD_SCRIPT, 'text/javascript; charset=utf-8')] as const,
  ...(uplotJs === null
    ? []
    : [['uPlot.iife.min.js', asset(uplotJs, 'text/javascript; charset=utf-8')] as const]),
  ...(uplotCss === null ? [] : [['uPlot.min.css', asset(uplotCss, 'text/css; charset=utf-8')] as const]),
]);

/** Whether uPlot was found (without it, series stay static SVG). */
export const HAS_UPLOT = uplotJs !== null && uplotCss !== null;

function url(name: string): string {
  const a = ASSETS.get(name);
  return a ? `/assets/${name}?v=${a.version}` : `/assets/${name}`;
}

export const ASSET_PATHS = {
  css: url('dashboard.css'),
  js: url('dashboard.js'),
  uplotJs: url('uPlot.iife.min.js'),
  uplotCss: url('uPlot.min.css'),
} as const;
