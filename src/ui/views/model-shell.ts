/**
 * The frame of every model page: heading, tabs (links, so each tab has its own URL and works with the
 * keyboard and without script), and the window/range controls.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { type ModelTab, paths } from '../paths.ts';
import { RANGE_PRESETS, type RangePreset, rangeQuery, type TimeRange } from '../range.ts';
import { isoDate } from './time-format.ts';

export const TABS: readonly { tab: ModelTab; label: string }[] = [
  { tab: 'drift', label: 'Drift' },
  { tab: 'quality', label: 'Quality' },
  { tab: 'data-quality', label: 'Data quality' },
  { tab: 'system', label: 'System' },
  { tab: 'versions', label: 'Versions' },
  { tab: 'records', label: 'Record lookup' },
];

export interface ModelShellOptions {
  readonly project: string;
  readonly model: string;
  readonly tab: ModelTab;
  readonly range?: TimeRange | null;
  /** Query parameters of this tab to keep when the range changes. */
  readonly keep?: Readonly<Record<string, string>>;
  readonly body: SafeHtml;
  readonly subtitle?: SafeHtml | string;
}

export function modelShell(o: ModelShellOptions): SafeHtml {
  const q = o.range ? rangeQuery(o.range) : '';
  return html`<h1 class="page">${o.model}</h1>
<p class="sub">Model in project <a href="${paths.project(o.project)}">${o.project}</a>${o.subtitle && html` · ${o.subtitle}`}</p>
<nav class="tabs" aria-label="Model views"><ul>${TABS.map((t) => html`<li><a href="${paths.model(o.project, o.model, t.tab, t.tab === 'versions' || t.tab === 'records' ? '' : q)}"${t.tab === o.tab && html` aria-current="page"`}>${t.label}</a></li>`)}</ul></nav>
${o.range && rangeControls(o.project, o.model, o.tab, o.range, o.keep ?? {})}
${o.body}`;
}

const PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  '24h': '24 h',
  '48h': '48 h',
  '7d': '7 d',
  '14d': '14 d',
  '30d': '30 d',
  '90d': '90 d',
};

function rangeControls(
  project: string,
  model: string,
  tab: ModelTab,
  r: TimeRange,
  keep: Readonly<Record<string, string>>,
): SafeHtml {
  const link = (overrides: Record<string, string>, label: string, current: boolean) =>
    html`<a class="button" href="${paths.model(project, model, tab, rangeQuery(r, { ...keep, ...overrides }))}"${current && html` aria-current="true"`}>${current && html`<span aria-hidden="true">● </span>`}${label}</a>`;
  const presets = Object.keys(RANGE_PRESETS) as RangePreset[];
  return html`<form class="range" method="get" action="${paths.model(project, model, tab)}" aria-label="Time range">
<div role="group" aria-label="Window size"><span class="muted">Windows </span>${link({ window: '1h', range: r.granularity === '1h' ? (r.preset ?? '48h') : '48h', from: '', to: '' }, 'Hourly', r.granularity === '1h')} ${link({ window: '1d', range: r.granularity === '1d' ? (r.preset ?? '14d') : '14d', from: '', to: '' }, 'Daily', r.granularity === '1d')}</div>
<div role="group" aria-label="Range"><span class="muted">Last </span>${presets.map((p) => html`${link({ range: p, from: '', to: '' }, PRESET_LABELS[p], r.preset === p)} `)}</div>
<input type="hidden" name="window" value="${r.granularity}">
${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<label>From (UTC)<input type="date" name="from" value="${r.fromDate ?? isoDate(r.from)}"></label>
<label>To (UTC)<input type="date" name="to" value="${r.toDate ?? isoDate(r.to - 1)}"></label>
<button type="submit">Apply</button>
</form>`;
}
