/**
 * The page shell every dashboard page shares: a skip link, the sticky header (brand, breadcrumbs, who is signed
 * in, sign-out), `<main>`, and the scripts — all from the server's own origin.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { ASSET_PATHS } from '../assets.ts';

export interface Crumb {
  readonly label: string;
  /** Omitted for the current page. */
  readonly href?: string;
}

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  readonly crumbs?: readonly Crumb[];
  /** Who is signed in, in words (`read key of demo`); omitted on the sign-in page. */
  readonly who?: string;
  /** The server runs without auth: no sign-out, a visible warning. */
  readonly noAuth?: boolean;
  /** Load uPlot (pages with interactive series). */
  readonly charts?: boolean;
}

export function page(o: PageOptions): string {
  const crumbs = o.crumbs ?? [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${o.title} — driftwatch</title>
<link rel="stylesheet" href="${ASSET_PATHS.css}">
${o.charts && html`<link rel="stylesheet" href="${ASSET_PATHS.uplotCss}">`}
${o.charts && html`<script src="${ASSET_PATHS.uplotJs}" defer></script>`}
<script src="${ASSET_PATHS.js}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">driftwatch</a>
<nav class="crumbs" aria-label="Breadcrumb">${crumbs.map((c, i) => html`${i > 0 && html`<span aria-hidden="true">›</span>`}${c.href === undefined ? html`<span aria-current="page">${c.label}</span>` : html`<a href="${c.href}">${c.label}</a>`}`)}</nav>
${
  o.who !== undefined &&
  html`<div class="who">${o.noAuth ? html`<span class="warn">⚠ no authentication (loopback only)</span>` : html`<span>Signed in: ${o.who}</span><form method="post" action="/logout"><button type="submit">Sign out</button></form>`}</div>`
}
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>
`.value;
}
