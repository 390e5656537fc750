/**
 * The web dashboard, served by `driftwatch serve` itself at `/` (no separate front-end server, no CDN): server-
 * rendered HTML pages (escaping templates), static SVG charts from the batch report's renderers, uPlot for the
 * interactive series and one small client script — all from the server's origin, under a Content-Security-Policy
 * that allows nothing else.
 *
 * Routes (none under /v1, /healthz, /metrics, /openapi.json or /docs):
 * - `GET /login`, `POST /login` (API key → session cookie), `POST /logout`;
 * - `GET /` (the key's project, or the project list for the server key), `GET /projects/{project}` (overview),
 *   `GET /projects/{project}/overview.json` (live refresh);
 * - `GET /projects/{project}/models/{model}` (Drift; `?start=&column=` opens a cell, `&fragment=1` returns only
 *   the cell), `…/quality`, `…/data-quality`, `…/system`, `…/versions`, `…/records?id=`;
 * - `GET /projects/{project}/reports`, `GET /projects/{project}/reports/{id}` (the stored HTML report);
 * - `GET /assets/{name}`.
 * Everything but the sign-in page and the assets needs a session (or a bearer key with `read`), except with
 * `--no-auth` on loopback.
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html, type SafeHtml } from '../renderers/html/html.ts';
import { renderHtml } from '../renderers/html/index.ts';
import type { AppEnv } from '../server/context.ts';
import { ASSETS } from './assets.ts';
import {
  type Project,
  projectModel,
  projectModels,
  projectNameById,
  readableProject,
  visibleProjects,
} from './data/project-data.ts';
import { findReport } from './data/report-data.ts';
import type { UiContext } from './pages/context.ts';
import { dataQualityBody } from './pages/data-quality-page.ts';
import { driftBody, driftCell } from './pages/drift-page.ts';
import { overviewBody, overviewJson } from './pages/overview-page.ts';
import { qualityBody } from './pages/quality-page.ts';
import { recordsBody } from './pages/records-page.ts';
import { reportsBody } from './pages/reports-page.ts';
import { systemBody } from './pages/system-page.ts';
import { versionsBody } from './pages/versions-page.ts';
import { type ModelTab, paths, safeNext } from './paths.ts';
import { parseRange, type RangePreset } from './range.ts';
import { sameOrigin, signIn, signOut, uiPrincipal } from './session.ts';
import { type Crumb, page } from './views/layout.ts';
import { loginView } from './views/login-view.ts';
import { modelShell } from './views/model-shell.ts';
import { projectListView } from './views/overview-view.ts';

/** The dashboard pages' policy: the server's own origin only; no inline script or style. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A pushed report is rendered by the server from its validated result, but is served sandboxed anyway (an
 * opaque origin: no access to the dashboard's cookies or API even if it ever carried a script), with no network.
 */
export const REPORT_CSP = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "script-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(c: Context<AppEnv>, csp = DASHBOARD_CSP): void {
  c.header('Content-Security-Policy', csp);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cache-Control', 'no-store');
}

/** An HTML page with the security headers and the handler's time (`Server-Timing`, for the browser test). */
function htmlResponse(
  c: Context<AppEnv>,
  body: string,
  status: 200 | 401 | 403 | 404 = 200,
  started?: number,
): Response {
  securityHeaders(c);
  if (started !== undefined) c.header('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  return c.html(body, status);
}

async function whoText(ctx: Omit<UiContext, 'who'>): Promise<string> {
  const p = ctx.principal;
  if (ctx.deps.options.noAuth) return 'no auth';
  if (p.projectId === null) return 'server key';
  const name = await projectNameById(ctx.deps.storage, p.projectId);
  const scopes = [...p.scopes].sort().join('+');
  return `${scopes} key of ${name ?? 'a project'}`;
}

/** The signed-in context, or the response to send instead (a redirect to sign in, or 401 for JSON). */
async function uiContext(c: Context<AppEnv>, json = false): Promise<UiContext | Response> {
  const started = performance.now();
  const principal = await uiPrincipal(c);
  const deps = c.var.deps;
  if (!principal) {
    securityHeaders(c);
    if (json) return c.json({ error: { code: 'DW_UNAUTHORIZED', message: 'Sign in first' } }, 401);
    const url = new URL(c.req.url);
    return c.redirect(paths.login(url.pathname + url.search), 303);
  }
  const base = { c, deps, principal, now: deps.now(), started };
  return { ...base, who: await whoText(base) };
}

function render(
  ctx: UiContext,
  o: { title: string; crumbs: Crumb[]; body: SafeHtml; charts?: boolean },
  status: 200 | 404 = 200,
): Response {
  return htmlResponse(
    ctx.c,
    page({
      title: o.title,
      crumbs: o.crumbs,
      body: o.body,
      who: ctx.who,
      noAuth: ctx.deps.options.noAuth,
      charts: o.charts ?? false,
    }),
    status,
    ctx.started,
  );
}

function notFound(ctx: UiContext, what: string): Response {
  return render(
    ctx,
    {
      title: 'Not found',
      crumbs: [{ label: 'Not found' }],
      body: html`<h1 class="page">Not found</h1><p>${what} does not exist, or this key cannot read it.</p><p><a href="/">Back to the dashboard</a></p>`,
    },
    404,
  );
}

function projectCrumbs(ctx: UiContext, project: Project): Crumb[] {
  return [
    ...(ctx.principal.projectId === null ? [{ label: 'Projects', href: '/' }] : []),
    { label: project.name, href: paths.project(project.name) },
  ];
}

const TAB_DEFAULTS: Readonly<
  Record<
    Exclude<ModelTab, 'versions' | 'records'>,
    { granularity: '1h' | '1d'; range: Record<'1h' | '1d', RangePreset> }
  >
> = {
  drift: { granularity: '1d', range: { '1h': '48h', '1d': '14d' } },
  quality: { granularity: '1d', range: { '1h': '48h', '1d': '14d' } },
  'data-quality': { granularity: '1h', range: { '1h': '7d', '1d': '30d' } },
  system: { granularity: '1h', range: { '1h': '7d', '1d': '30d' } },
};

const TAB_TITLES: Readonly<Record<ModelTab, string>> = {
  drift: 'Drift',
  quality: 'Quality',
  'data-quality': 'Data quality',
  system: 'System',
  versions: 'Versions',
  records: 'Record lookup',
};

async function modelPage(c: Context<AppEnv>, tab: ModelTab): Promise<Response> {
  const ctx = await uiContext(c);
  if (ctx instanceof Response) return ctx;
  const project = await readableProject(ctx.deps.storage, ctx.principal, c.req.param('project') ?? '');
  if (!project) return notFound(ctx, 'This project');
  const model = await projectModel(ctx.deps.storage, project, c.req.param('model') ?? '');
  if (!model) return notFound(ctx, 'This model');
  const q = c.req.query();
  const crumbs: Crumb[] = [
    ...projectCrumbs(ctx, project),
    { label: model.name, href: paths.model(project.name, model.name) },
    { label: TAB_TITLES[tab] },
  ];
  const title = `${model.name} · ${TAB_TITLES[tab]}`;
  const show = (body: SafeHtml, range: ReturnType<typeof parseRange> | null, keep?: Record<string, string>) =>
    render(ctx, {
      title,
      crumbs,
      charts: tab !== 'drift' && tab !== 'records',
      body: modelShell({
        project: project.name,
        model: model.name,
        tab,
        range,
        body,
        ...(keep ? { keep } : {}),
      }),
    });
  switch (tab) {
    case 'drift': {
      const range = parseRange(q, ctx.now, TAB_DEFAULTS.drift);
      const start = q.start !== undefined && /^\d{1,15}$/.test(q.start) ? Number(q.start) : null;
      const selected = start !== null && q.column ? { start, column: q.column } : null;
      if (q.fragment === '1') {
        if (!selected)
          return htmlResponse(c, html`<p class="na">No cell selected.</p>`.value, 200, ctx.started);
        return htmlResponse(
          c,
          (await driftCell(ctx, model, range.granularity, selected)).value,
          200,
          ctx.started,
        );
      }
      return show(await driftBody(ctx, project, model, range, selected), range);
    }
    case 'quality': {
      const range = parseRange(q, ctx.now, TAB_DEFAULTS.quality);
      const metric = q.metric ?? null;
      return show(
        await qualityBody(ctx, project, model, range, metric),
        range,
        metric ? { metric } : undefined,
      );
    }
    case 'data-quality': {
      const range = parseRange(q, ctx.now, TAB_DEFAULTS['data-quality']);
      return show(await dataQualityBody(ctx, project, model, range), range);
    }
    case 'system': {
      const range = parseRange(q, ctx.now, TAB_DEFAULTS.system);
      return show(await systemBody(ctx, project, model, range), range);
    }
    case 'versions':
      return show(await versionsBody(ctx, project, model), null);
    case 'records': {
      const { body, status } = await recordsBody(ctx, project, model, q.id ?? null);
      return render(
        ctx,
        {
          title,
          crumbs,
          body: modelShell({ project: project.name, model: model.name, tab, range: null, body }),
        },
        status,
      );
    }
  }
}

const TABS = new Set<string>(['quality', 'data-quality', 'system', 'versions', 'records']);

export function registerUiRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/assets/:name', (c) => {
    const a = ASSETS.get(c.req.param('name'));
    if (!a) return c.text('Not found', 404);
    c.header('Content-Type', a.contentType);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header(
      'Cache-Control',
      c.req.query('v') === a.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    return c.body(a.body);
  });

  app.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.deps.options.noAuth || (await uiPrincipal(c))) return c.redirect(next, 303);
    securityHeaders(c);
    return c.html(page({ title: 'Sign in', body: loginView(next, null) }));
  });

  app.post('/login', async (c) => {
    securityHeaders(c);
    if (!sameOrigin(c)) return c.text('Cross-origin sign-in refused', 403);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const next = safeNext(typeof form.next === 'string' ? form.next : null);
    const key = typeof form.key === 'string' ? form.key : '';
    const res = await signIn(c, key);
    if (res.ok) return c.redirect(next, 303);
    const message =
      res.reason === 'scope'
        ? 'This key cannot read dashboards (it lacks the read scope): use a read or admin key.'
        : 'Unknown or revoked key.';
    return c.html(page({ title: 'Sign in', body: loginView(next, message) }), 401);
  });

  app.post('/logout', async (c) => {
    securityHeaders(c);
    if (!sameOrigin(c)) return c.text('Cross-origin sign-out refused', 403);
    await signOut(c);
    return c.redirect('/login', 303);
  });

  app.get('/', async (c) => {
    const ctx = await uiContext(c);
    if (ctx instanceof Response) return ctx;
    const projects = await visibleProjects(ctx.deps.storage, ctx.principal);
    if (projects.length === 1) {
      const project = projects[0]!;
      return render(ctx, {
        title: `${project.name} overview`,
        crumbs: projectCrumbs(ctx, project)
          .slice(-1)
          .map((cr) => ({ label: cr.label })),
        body: await overviewBody(ctx, project),
      });
    }
    const withCounts = await Promise.all(
      projects.map(async (p) => ({
        name: p.name,
        models: (await projectModels(ctx.deps.storage, p)).length,
      })),
    );
    return render(ctx, {
      title: 'Projects',
      crumbs: [{ label: 'Projects' }],
      body: projectListView(withCounts, new URL(c.req.url).origin),
    });
  });

  app.get('/projects/:project', async (c) => {
    const ctx = await uiContext(c);
    if (ctx instanceof Response) return ctx;
    const project = await readableProject(ctx.deps.storage, ctx.principal, c.req.param('project'));
    if (!project) return notFound(ctx, 'This project');
    const crumbs = projectCrumbs(ctx, project);
    crumbs[crumbs.length - 1] = { label: project.name };
    return render(ctx, { title: `${project.name} overview`, crumbs, body: await overviewBody(ctx, project) });
  });

  app.get('/projects/:project/overview.json', async (c) => {
    const ctx = await uiContext(c, true);
    if (ctx instanceof Response) return ctx;
    const project = await readableProject(ctx.deps.storage, ctx.principal, c.req.param('project'));
    if (!project) return c.json({ error: { code: 'DW_PROJECT_NOT_FOUND', message: 'No such project' } }, 404);
    c.header('Cache-Control', 'no-store');
    return c.json(await overviewJson(ctx, project));
  });

  app.get('/projects/:project/models/:model', (c) => modelPage(c, 'drift'));
  app.get('/projects/:project/models/:model/:tab', async (c) => {
    const tab = c.req.param('tab');
    if (!TABS.has(tab)) {
      const ctx = await uiContext(c);
      if (ctx instanceof Response) return ctx;
      return notFound(ctx, 'This page');
    }
    return modelPage(c, tab as ModelTab);
  });

  app.get('/projects/:project/reports', async (c) => {
    const ctx = await uiContext(c);
    if (ctx instanceof Response) return ctx;
    const project = await readableProject(ctx.deps.storage, ctx.principal, c.req.param('project'));
    if (!project) return notFound(ctx, 'This project');
    return render(ctx, {
      title: `${project.name} reports`,
      crumbs: [...projectCrumbs(ctx, project), { label: 'Reports' }],
      body: await reportsBody(ctx, project, c.req.query('tag') ?? null),
    });
  });

  app.get('/projects/:project/reports/:id', async (c) => {
    const ctx = await uiContext(c);
    if (ctx instanceof Response) return ctx;
    const project = await readableProject(ctx.deps.storage, ctx.principal, c.req.param('project'));
    if (!project) return notFound(ctx, 'This project');
    const report = await findReport(ctx.deps.storage, project.id, c.req.param('id'));
    if (!report) return notFound(ctx, 'This report');
    securityHeaders(c, REPORT_CSP);
    const body =
      report.html ?? renderHtml(JSON.parse(report.resultJson), { title: report.title ?? 'Drift report' });
    return c.html(body);
  });
}
