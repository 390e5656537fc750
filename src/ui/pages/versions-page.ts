/**
 * The Versions tab: the registry — versions with their metadata (fingerprint, evaluation metrics, validation
 * results, tags, environment, reference), the aliases and their history from the audit log — and a side-by-side
 * of two versions' figures over the same period (series per version, `version_key` = version id).
 * @module
 */
import { formatCount, formatNumber } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Model, Project } from '../data/project-data.ts';
import { aliasEvents, modelAliases, modelVersions, type VersionView } from '../data/registry-data.ts';
import { listMetricNames, type SeriesPoint, seriesPoints } from '../data/series-data.ts';
import { FORMAT_OF, higherIsBetter, M, mainQualityKey, qualityLabel } from '../metrics.ts';
import { paths } from '../paths.ts';
import { parseRange, rangeQuery, windowStarts } from '../range.ts';
import { chartPanel, formatValue } from '../views/chart-panel.ts';
import { alignValues } from '../views/series-align.ts';
import { formatTime } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

/** A JSON value in a few words (objects as `key: value` pairs). */
function summarize(v: unknown): SafeHtml {
  if (v === null || v === undefined) return html`<span class="na">—</span>`;
  if (typeof v === 'number') return html`${formatNumber(v)}`;
  if (typeof v === 'string' || typeof v === 'boolean') return html`${String(v)}`;
  if (Array.isArray(v)) return html`${v.map((x, i) => html`${i > 0 && ', '}${summarize(x)}`)}`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return html`<span class="na">—</span>`;
  return html`${entries.map(
    ([k, x], i) =>
      html`${i > 0 && html`<br>`}<span class="muted">${k}:</span> ${typeof x === 'object' && x !== null ? JSON.stringify(x) : summarize(x)}`,
  )}`;
}

function referenceText(v: VersionView): string {
  const s = v.referenceSource as { kind?: string; file?: string; description?: string } | null;
  if (!v.hasReference)
    return s?.kind === 'none' && s.description
      ? `none yet (${s.description})`
      : 'none (first day of production data)';
  if (s?.kind === 'upload') return `uploaded${s.file ? ` (${s.file})` : ''}`;
  if (s?.kind === 'range') return 'a range of production data';
  return 'set';
}

interface CompareMetric {
  readonly metric: string;
  readonly label: string;
  readonly better: 'higher' | 'lower';
}

function mean(points: readonly SeriesPoint[] | undefined): { value: number | null; rows: number } {
  let num = 0;
  let den = 0;
  let rows = 0;
  for (const p of points ?? []) {
    if (p.value === null) continue;
    const w = Math.max(p.rows, 1);
    num += p.value * w;
    den += w;
    rows += p.rows;
  }
  return { value: den > 0 ? num / den : null, rows };
}

export async function versionsBody(ctx: UiContext, project: Project, model: Model): Promise<SafeHtml> {
  const storage = ctx.deps.storage;
  const [versions, aliases, events, names] = await Promise.all([
    modelVersions(storage, model.id),
    modelAliases(storage, model.id),
    aliasEvents(storage, project.id, model.id),
    listMetricNames(storage, model.id),
  ]);
  const aliasesOf = new Map<string, string[]>();
  for (const a of aliases) aliasesOf.set(a.versionId, [...(aliasesOf.get(a.versionId) ?? []), a.alias]);
  const versionsTable = html`<section id="versions" aria-labelledby="ver-title"><h2 id="ver-title">Versions</h2>${
    versions.length === 0
      ? html`<p class="muted">No version registered yet: records without a version create <code>v1</code>; register one with <code>POST …/models/{model}/versions</code>.</p>`
      : html`<div class="scroll"><table id="versions-table" class="wide"><thead><tr><th scope="col">Version</th><th scope="col">Created</th><th scope="col">Fingerprint</th><th scope="col">Evaluation metrics</th><th scope="col">Validation</th><th scope="col">Tags</th><th scope="col">Environment</th><th scope="col">Reference</th></tr></thead><tbody>${[
          ...versions,
        ]
          .reverse()
          .map(
            (v) =>
              html`<tr data-version="${v.name}"><th scope="row" class="name">${v.name}${(aliasesOf.get(v.id) ?? []).map((a) => html` <span class="tag">${a}</span>`)}</th><td class="nw">${formatTime(v.createdAt)}${v.createdBy && html`<br><span class="muted">by ${v.createdBy}</span>`}</td><td><code>${v.fingerprint ?? '—'}</code></td><td>${summarize(v.evaluation)}</td><td>${summarize(v.validation)}</td><td>${summarize(v.tags)}</td><td>${summarize(v.environment)}</td><td>${referenceText(v)}${v.hasContract && html`<br><span class="muted">contract set</span>`}</td></tr>`,
          )}</tbody></table></div>`
  }</section>`;
  const aliasTable = html`<section id="aliases" aria-labelledby="al-title"><h2 id="al-title">Aliases</h2>${
    aliases.length === 0
      ? html`<p class="muted">No alias yet. Move one with <code>PUT …/models/{model}/aliases/{alias}</code> <code>{ "version": "v2" }</code>; records without a version go to <code>production</code>.</p>`
      : html`<table id="aliases-table"><thead><tr><th scope="col">Alias</th><th scope="col">Version</th><th scope="col">Since</th><th scope="col">By</th></tr></thead><tbody>${aliases.map((a) => html`<tr><th scope="row">${a.alias}</th><td>${a.versionName}</td><td class="nw">${formatTime(a.updatedAt)}</td><td>${a.updatedBy ?? '—'}</td></tr>`)}</tbody></table>`
  }
<h3 id="history-title">Alias history</h3>${
    events.length === 0
      ? html`<p class="muted">No alias moves recorded.</p>`
      : html`<table id="alias-history" aria-labelledby="history-title"><thead><tr><th scope="col">When</th><th scope="col">Alias</th><th scope="col">Move</th><th scope="col">By</th></tr></thead><tbody>${events.map(
          (e) =>
            html`<tr data-alias="${e.alias}"><td class="nw">${formatTime(e.at)}</td><td>${e.alias}</td><td>${e.from === null ? html`<span class="muted">new</span>` : e.from} → ${e.to === null ? html`<span class="muted">removed</span>` : e.to}${e.from !== null && e.to !== null && events.some((o) => o.seq < e.seq && o.alias === e.alias && o.from === e.to) && html` <span class="tag">rollback</span>`}</td><td>${e.actor ?? '—'}</td></tr>`,
        )}</tbody></table>`
  }</section>`;

  const compare =
    versions.length >= 2 ? await compareSection(ctx, project, model, versions, aliases, names) : null;
  return html`${versionsTable}${aliasTable}${compare}`;
}

async function compareSection(
  ctx: UiContext,
  project: Project,
  model: Model,
  versions: readonly VersionView[],
  aliases: readonly { alias: string; versionId: string }[],
  names: readonly string[],
): Promise<SafeHtml> {
  const q = ctx.c.req.query();
  const byName = new Map(versions.map((v) => [v.name, v]));
  const prod = aliases.find((a) => a.alias === 'production')?.versionId;
  const defaultA = versions.find((v) => v.id === prod) ?? versions[0]!;
  const pickA = (q.a && byName.get(q.a)) || defaultA;
  const canary = aliases.find((a) => a.alias !== 'production' && a.versionId !== pickA.id)?.versionId;
  const defaultB =
    versions.find((v) => v.id === canary) ??
    [...versions].reverse().find((v) => v.id !== pickA.id) ??
    versions[0]!;
  const pickB = (q.b && byName.get(q.b)) || defaultB;
  const range = parseRange(q, ctx.now, { granularity: '1h', range: { '1h': '7d', '1d': '30d' } });
  const qKey = mainQualityKey(names);
  const metrics: CompareMetric[] = [
    ...(qKey
      ? [
          {
            metric: M.qualityPrefix + qKey,
            label: `${qualityLabel(qKey)} (realized)`,
            better: higherIsBetter(qKey) ? 'higher' : 'lower',
          } as const,
          {
            metric: M.estimatedPrefix + qKey,
            label: `${qualityLabel(qKey)} (CBPE estimate)`,
            better: higherIsBetter(qKey) ? 'higher' : 'lower',
          } as const,
        ]
      : []),
    { metric: M.driftShare, label: 'Drift share', better: 'lower' },
    { metric: M.missingShare, label: 'Missing share', better: 'lower' },
    { metric: M.errorRate, label: 'Error rate', better: 'lower' },
    { metric: M.latencyP95, label: 'p95 latency', better: 'lower' },
    { metric: M.rows, label: 'Records per window', better: 'higher' },
  ];
  const query = (versionKey: string) =>
    seriesPoints(ctx.deps.storage, {
      modelId: model.id,
      metrics: metrics.map((m) => m.metric),
      granularity: range.granularity,
      versionKey,
      from: range.from,
      to: range.to,
    });
  const [a, b] = await Promise.all([query(pickA.id), query(pickB.id)]);
  const starts = windowStarts(range);
  const rows = metrics.map((m) => {
    const ma = mean(a.get(m.metric));
    const mb = mean(b.get(m.metric));
    const fmt = FORMAT_OF[m.metric] ?? 'number';
    let verdict: SafeHtml | string = '';
    if (ma.value !== null && mb.value !== null && ma.value !== mb.value) {
      const bBetter = m.better === 'higher' ? mb.value > ma.value : mb.value < ma.value;
      verdict = bBetter
        ? html`<span class="lvl-ok">✓ ${pickB.name} better</span>`
        : html`<span class="lvl-warn">▼ ${pickB.name} worse</span>`;
    }
    return html`<tr><th scope="row">${m.label}</th><td class="num">${formatValue(ma.value, fmt)}</td><td class="num">${formatValue(mb.value, fmt)}</td><td>${verdict}</td></tr>`;
  });
  const opt = (v: VersionView, sel: VersionView) =>
    html`<option value="${v.name}"${v.id === sel.id && html` selected`}>${v.name}</option>`;
  const chartMetric = qKey ? M.qualityPrefix + qKey : M.driftShare;
  const chartLabel = qKey ? `${qualityLabel(qKey)} (realized)` : 'Drift share';
  return html`<section id="compare" aria-labelledby="cmp-title"><h2 id="cmp-title">Side by side</h2>
<form class="range" method="get" action="${paths.model(project.name, model.name, 'versions')}">
<label>Version A<select name="a">${versions.map((v) => opt(v, pickA))}</select></label>
<label>Version B<select name="b">${versions.map((v) => opt(v, pickB))}</select></label>
<label>Period<select name="range">${(['24h', '48h', '7d', '14d', '30d'] as const).map((p) => html`<option value="${p}"${range.preset === p && html` selected`}>last ${p}</option>`)}</select></label>
<input type="hidden" name="window" value="${range.granularity}">
<button type="submit">Compare</button></form>
<p class="sub">Means over the same period (${formatTime(range.from)} to ${formatTime(range.to)}), weighted by rows, from each version's own windows. <a href="${paths.model(project.name, model.name, 'versions', rangeQuery(range, { a: pickB.name, b: pickA.name }))}">Swap</a></p>
<table class="compare" id="compare-table"><thead><tr><th scope="col">Figure</th><th scope="col" class="num">${pickA.name}</th><th scope="col" class="num">${pickB.name}</th><th scope="col">Difference</th></tr></thead><tbody>${rows}</tbody></table>
<div class="charts">${chartPanel({
    id: 'cmp-chart',
    title: chartLabel,
    x: starts,
    granularity: range.granularity,
    series: [
      { label: pickA.name, values: alignValues(starts, a.get(chartMetric)) },
      { label: pickB.name, values: alignValues(starts, b.get(chartMetric)) },
    ],
    format: FORMAT_OF[chartMetric] ?? 'number',
    note: `Records in the period: ${pickA.name} ${formatCount(mean(a.get(M.rows)).rows)}, ${pickB.name} ${formatCount(mean(b.get(M.rows)).rows)}.`,
  })}</div></section>`;
}
