/**
 * Reports: batch reports pushed from the CLI (`driftwatch report … --push URL --project P --key K`), listed by
 * time and tags, each opening the same self-contained HTML report the CLI writes.
 * @module
 */
import { formatCount } from '../../renderers/html/format.ts';
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import type { Project } from '../data/project-data.ts';
import { listReports } from '../data/report-data.ts';
import { paths } from '../paths.ts';
import { formatTime } from '../views/time-format.ts';
import type { UiContext } from './context.ts';

export async function reportsBody(ctx: UiContext, project: Project, tag: string | null): Promise<SafeHtml> {
  const reports = await listReports(ctx.deps.storage, project.id, tag ? { tag } : {});
  const origin = new URL(ctx.c.req.url).origin;
  const snippet = `driftwatch report --reference reference.csv --current current.csv \\
  --push ${origin} --project ${shellWord(project.name)} --key <ingest key> --tag nightly`;
  return html`<h1 class="page">Reports of ${project.name}</h1>
<p class="sub">Batch reports pushed from the CLI, newest first.${tag && html` Tag <span class="tag">${tag}</span> — <a href="${paths.reports(project.name)}">show all</a>.`}</p>
${
  reports.length === 0
    ? html`<section class="empty" id="empty-reports"><h2>${tag ? 'No report with this tag' : 'No reports yet'}</h2><p>Push one from the CLI (an <code>ingest</code> key is enough):</p><pre class="snippet"><code>${snippet}</code></pre></section>`
    : html`<div class="scroll"><table id="reports-table"><thead><tr><th scope="col">Pushed</th><th scope="col">Title</th><th scope="col">Tags</th><th scope="col">Dataset drift</th><th scope="col" class="num">Drifted columns</th><th scope="col" class="num">Rows (reference / current)</th></tr></thead><tbody>${reports.map(
        (r) =>
          html`<tr><td class="nw">${formatTime(r.createdAt)}</td><td class="name"><a href="${paths.report(project.name, r.id)}">${r.title ?? 'Drift report'}</a></td><td>${r.tags.map((t) => html`<a class="tag" href="${paths.reports(project.name, `tag=${encodeURIComponent(t)}`)}">${t}</a>`)}</td><td>${r.datasetDrift === null ? html`<span class="na">—</span>` : r.datasetDrift ? html`<span class="lvl-alert">▲ drift</span>` : html`<span class="lvl-ok">✓ no drift</span>`}</td><td class="num">${r.driftedCount === null ? '—' : `${r.driftedCount} / ${r.columnCount ?? '?'}`}</td><td class="num">${r.referenceRows === null ? '—' : formatCount(r.referenceRows)} / ${r.currentRows === null ? '—' : formatCount(r.currentRows)}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** A word safe to paste into a POSIX shell. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9._-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
