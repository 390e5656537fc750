/**
 * Dashboard URLs. Project and model names are percent-encoded path segments (they may hold `/`, spaces, any
 * UTF-8), exactly as in the API.
 * @module
 */

const enc = encodeURIComponent;

export type ModelTab = 'drift' | 'quality' | 'data-quality' | 'system' | 'versions' | 'records';

export const paths = {
  home: () => '/',
  login: (next?: string) => (next && next !== '/' ? `/login?next=${enc(next)}` : '/login'),
  project: (project: string) => `/projects/${enc(project)}`,
  overviewRows: (project: string) => `/projects/${enc(project)}/overview.json`,
  model: (project: string, model: string, tab: ModelTab = 'drift', query = '') =>
    `/projects/${enc(project)}/models/${enc(model)}${tab === 'drift' ? '' : `/${tab}`}${query ? `?${query}` : ''}`,
  driftCell: (project: string, model: string, query: string) =>
    `/projects/${enc(project)}/models/${enc(model)}/drift/cell?${query}`,
  reports: (project: string, query = '') => `/projects/${enc(project)}/reports${query ? `?${query}` : ''}`,
  report: (project: string, id: string) => `/projects/${enc(project)}/reports/${enc(id)}`,
} as const;

/** A `next` parameter is followed only when it is a path on this server (no open redirect). */
export function safeNext(next: string | undefined | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
