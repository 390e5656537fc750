/**
 * Record lookup: paste a record id → its features, prediction, label, version and the windows it fell in
 * (traceability: output → input → version).
 * @module
 */
import { formatNumber } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Model, Project } from '../data/project-data.ts';
import { findPendingLabel, findRecord } from '../data/record-data.ts';
import { GRANULARITY_MS, type Granularity } from '../data/series-data.ts';
import { windowResult } from '../data/window-data.ts';
import { paths } from '../paths.ts';
import { formatTime, formatWindow, isoDate } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

function value(v: unknown): SafeHtml {
  if (v === null || v === undefined) return html`<span class="na">—</span>`;
  if (typeof v === 'number') return html`${formatNumber(v)}`;
  if (typeof v === 'string') return html`${v}`;
  return html`<code>${JSON.stringify(v)}</code>`;
}

function kvTable(id: string, caption: string, obj: Record<string, unknown> | null): SafeHtml {
  const entries = Object.entries(obj ?? {});
  if (entries.length === 0) return html``;
  return html`<table id="${id}"><caption>${caption}</caption><tbody>${entries.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${value(v)}</td></tr>`)}</tbody></table>`;
}

export async function recordsBody(
  ctx: UiContext,
  project: Project,
  model: Model,
  id: string | null,
): Promise<{ body: SafeHtml; status: 200 | 404 }> {
  const form = html`<form class="range" method="get" action="${paths.model(project.name, model.name, 'records')}" role="search">
<label for="record-id">Record id</label><input id="record-id" name="id" value="${id ?? ''}" required maxlength="256" autocomplete="off" placeholder="e.g. bf-2026-11-20-0042">
<button type="submit" class="primary">Look up</button></form>`;
  if (id === null || id === '')
    return {
      body: html`<section id="record-lookup"><h2>Record lookup</h2><p class="sub">Paste the <code>id</code> a prediction was sent with to see its features, prediction, label, version and window.</p>${form}</section>`,
      status: 200,
    };
  const storage = ctx.deps.storage;
  const r = await findRecord(storage, model.id, id);
  if (!r) {
    const pending = await findPendingLabel(storage, model.id, id);
    return {
      body: html`<section id="record-lookup"><h2>Record lookup</h2>${form}<p class="error" role="alert">No record ${JSON.stringify(id)} in ${model.name}.${pending ? html` A label for it arrived (${formatTime(pending.ts)}) and waits for its prediction.` : ' It may be older than the retention period, or sent to another model.'}</p></section>`,
      status: 404,
    };
  }
  const windows = await Promise.all(
    (['1h', '1d'] as const).map(async (g: Granularity) => {
      const start = Math.floor(r.ts / GRANULARITY_MS[g]) * GRANULARITY_MS[g];
      const w = await windowResult(storage, model.id, g, start);
      const day = isoDate(start);
      const href = paths.model(project.name, model.name, 'drift', `window=${g}&from=${day}&to=${day}`);
      return html`<li>${g === '1h' ? 'Hour' : 'Day'} <a href="${href}">${formatWindow(start, g)}</a> — ${w ? `${w.status}${w.revision > 1 ? ` (revision ${w.revision})` : ''}` : 'not evaluated yet'}</li>`;
    }),
  );
  return {
    body: html`<section id="record-lookup"><h2>Record lookup</h2>${form}
<article class="panel" id="record" aria-labelledby="record-title"><h3 id="record-title">Record ${r.id}</h3>
<div class="grid2"><dl class="facts">
<dt>Time</dt><dd>${formatTime(r.ts)} <span class="muted">(received ${formatTime(r.receivedAt)})</span></dd>
<dt>Version</dt><dd>${r.versionName ?? r.versionId}</dd>
<dt>Prediction</dt><dd>${value(r.prediction)}</dd>
<dt>Score</dt><dd>${r.score === null ? value(r.scores) : formatNumber(r.score)}</dd>
<dt>Label</dt><dd>${r.label ? html`${value(r.label.target)} <span class="muted">(${formatTime(r.label.ts)})</span>` : html`<span class="na">none yet</span>`}</dd>
<dt>Latency</dt><dd>${r.latencyMs === null ? '—' : `${formatNumber(r.latencyMs)} ms`}</dd>
<dt>Error</dt><dd>${r.error ?? html`<span class="na">none</span>`}</dd>
<dt>Windows</dt><dd><ul class="plain">${windows}</ul></dd>
</dl>
<div>${kvTable('record-features', 'Features', r.features)}${kvTable('record-segments', 'Segments', r.segments)}</div></div>
</article></section>`,
    status: 200,
  };
}
