/**
 * The overview: one row per model with its status badges and sparklines, worst first; rows are refreshed in
 * place by the client script.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { LEVEL_RANK } from '../band.ts';
import type { ModelOverview } from '../data/overview-data.ts';
import { paths } from '../paths.ts';
import { badge, levelWords } from './badge.ts';
import { sparkline } from './sparkline.ts';
import { formatWindow } from './time-format.ts';

export const OVERVIEW_COLUMNS = [
  'Drift share',
  'Quality',
  'Error rate',
  'p95 latency',
  'Last record',
  'Label lag',
] as const;

export function overviewRows(project: string, rows: readonly ModelOverview[]): SafeHtml {
  return html`${rows.map(
    (r) =>
      html`<tr data-model="${r.name}" data-level="${r.level}"><th scope="row" class="name"><a href="${paths.model(project, r.name)}">${r.name}</a><br>${levelWords(r.level)}${r.lastWindowStart !== null && html`<br><span class="muted">window ${formatWindow(r.lastWindowStart, '1h')}</span>`}</th>${r.figures.map(
        (f) =>
          html`<td data-figure="${f.key}" data-level="${f.level}" data-v="${LEVEL_RANK[f.level]}"><div class="fig">${badge(f.level, f.text)}${f.spark.length > 0 && sparkline({ values: f.spark, band: f.band, level: f.level, label: f.sparkLabel })}${f.detail && html`<span class="detail">${f.detail}</span>`}</div></td>`,
      )}</tr>`,
  )}`;
}

export interface OverviewViewOptions {
  readonly project: string;
  readonly rows: readonly ModelOverview[];
  readonly version: string;
  readonly updatedText: string;
  readonly empty: SafeHtml | null;
  readonly refreshMs: number;
}

export function overviewView(o: OverviewViewOptions): SafeHtml {
  const red = o.rows.filter((r) => r.level === 'alert').length;
  return html`<h1 class="page">Models in ${o.project}</h1>
<p class="sub">${o.rows.length} model${o.rows.length === 1 ? '' : 's'}${o.rows.length > 0 && html`, worst first${red > 0 && html` — <b class="lvl-alert">▲ ${red} need${red === 1 ? 's' : ''} attention</b>`}`}. Figures are from the newest evaluated hourly window (all versions); colours and symbols say how far each is from its reference band (▲ alert: outside mean ± 3σ or dataset drift; ! warning; ✓ ok). <a href="${paths.reports(o.project)}">Reports</a></p>
<p class="live" id="live-status" role="status" aria-live="polite">${o.updatedText}</p>
${
  o.empty
    ? html`<div data-live-reload="${paths.overviewRows(o.project)}" data-interval="${o.refreshMs}">${o.empty}</div>`
    : html`<div class="scroll"><table class="models" id="models"><caption class="sr-only">Models and their latest figures</caption><thead><tr><th scope="col">Model</th>${OVERVIEW_COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody data-live="${paths.overviewRows(o.project)}" data-interval="${o.refreshMs}" data-version="${o.version}">${overviewRows(o.project, o.rows)}</tbody></table></div>`
}`;
}

/** Project chooser for a server-wide key. */
export function projectListView(
  projects: readonly { name: string; models: number }[],
  origin: string,
): SafeHtml {
  if (projects.length === 0)
    return html`<h1 class="page">No projects yet</h1><section class="empty" id="empty-projects"><p>Create one with the server key, then send records to it:</p><pre class="snippet"><code>${`curl -s -X POST '${origin}/v1/projects' -H 'Authorization: Bearer <server key>' \\
  -H 'Content-Type: application/json' -d '{"name":"my-project"}'`}</code></pre></section>`;
  return html`<h1 class="page">Projects</h1><ul class="projects">${projects.map((p) => html`<li><a href="${paths.project(p.name)}">${p.name}</a> <span class="muted">(${p.models} model${p.models === 1 ? '' : 's'})</span></li>`)}</ul>`;
}
