/**
 * The `npm start` demo: sets up project `demo` with model `credit-default` through the public HTTP API (the same
 * calls a user would make), back-fills 14 days of history, then keeps sending live traffic with delayed labels.
 * @module
 */

import { createRandom } from '../core/stats/random.ts';
import {
  backfill,
  DEMO_MODEL,
  DEMO_PROJECT,
  type DemoLabel,
  type DemoRecord,
  demoRecord,
  referenceRows,
} from './demo-traffic.ts';

const DAY_MS = 86_400_000;

export interface DemoOptions {
  /** Base URL of a running server. */
  readonly url: string;
  /** A server-wide (admin) key. */
  readonly adminKey: string;
  /** Records per hour in the back-fill. Default 200. */
  readonly perHour?: number;
  /** Live records per second. Default 2. */
  readonly liveRatePerSecond?: number;
  /** Delay of live labels, ms (accelerated; the back-fill uses 6 h). Default 60 s. */
  readonly liveLabelDelayMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export interface DemoHandle {
  readonly readKey: string;
  readonly ingestKey: string;
  readonly backfilledRecords: number;
  stop(): Promise<void>;
}

class DemoApi {
  private readonly url: string;
  private readonly key: string;
  constructor(url: string, key: string) {
    this.url = url;
    this.key = key;
  }
  async call(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.url + path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed };
  }
  async ok(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
    allowed: number[] = [],
  ): Promise<any> {
    const r = await this.call(method, path, body, contentType);
    if (r.status >= 300 && !allowed.includes(r.status)) {
      throw new Error(`demo: ${method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return r.body;
  }
}

const p = encodeURIComponent(DEMO_PROJECT);
const m = encodeURIComponent(DEMO_MODEL);
const base = `/v1/projects/${p}/models/${m}`;

function toCsv(rows: ReadonlyArray<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  return `${cols.join(',')}\n${rows.map((r) => cols.map((c) => String(r[c])).join(',')).join('\n')}\n`;
}

async function sendRecords(api: DemoApi, records: readonly DemoRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 2000) {
    const body = records
      .slice(i, i + 2000)
      .map((r) => JSON.stringify(r))
      .join('\n');
    await sendWithRetry(api, `${base}/predictions`, body);
  }
}

async function sendLabels(api: DemoApi, labels: readonly DemoLabel[]): Promise<void> {
  for (let i = 0; i < labels.length; i += 5000) {
    const body = labels
      .slice(i, i + 5000)
      .map((r) => JSON.stringify(r))
      .join('\n');
    await sendWithRetry(api, `${base}/labels`, body);
  }
}

async function sendWithRetry(api: DemoApi, path: string, ndjson: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const r = await api.call('POST', path, ndjson, 'application/x-ndjson');
    if (r.status === 200) return;
    if (r.status !== 429 || attempt > 20)
      throw new Error(`demo: POST ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
  }
}

/** Sets up the registry (first run only), back-fills history (first run only) and starts live traffic. */
export async function runDemo(options: DemoOptions): Promise<DemoHandle> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const admin = new DemoApi(options.url, options.adminKey);
  await admin.ok('POST', '/v1/projects', { name: DEMO_PROJECT }, undefined, [409]);
  const readKey = (await admin.ok('POST', `/v1/projects/${p}/keys`, { scopes: ['read'] })).key as string;
  const ingestKey = (await admin.ok('POST', `/v1/projects/${p}/keys`, { scopes: ['ingest'] })).key as string;
  const ingest = new DemoApi(options.url, ingestKey);

  const versions = await admin.call('GET', `${base}/versions`);
  const firstRun = versions.status === 404 || (versions.body?.versions ?? []).length === 0;
  // Day 0 is the UTC midnight 13 days before today, so today is day 13, the drift starts 3 days ago and the
  // outage was yesterday.
  const todayStart = Math.floor(now() / DAY_MS) * DAY_MS;
  const startMs = todayStart - 13 * DAY_MS;
  let backfilledRecords = 0;
  const pending: DemoLabel[] = [];
  if (firstRun) {
    log('demo: registering model credit-default (v1 production, v2 canary) and its reference data');
    const ref = referenceRows(5000);
    await admin.ok('POST', `${base}/versions`, {
      name: 'v1',
      fingerprint: 'sha256:demo-training-2026-10',
      environment: { python: '3.11', 'scikit-learn': '1.5.2', xgboost: '2.1.1' },
      evaluation: { rocAuc: 0.861, accuracy: 0.806, f1: 0.69 },
      validation: { passed: true, checks: 12 },
      tags: { owner: 'risk-team', dataset: 'loans-2026q3' },
    });
    await admin.ok('PUT', `${base}/versions/v1/reference`, toCsv(ref), 'text/csv');
    await admin.ok('PUT', `${base}/aliases/production`, { version: 'v1' });
    await admin.ok('POST', `${base}/versions`, {
      name: 'v2',
      fingerprint: 'sha256:demo-training-2026-11',
      environment: { python: '3.11', 'scikit-learn': '1.5.2', xgboost: '2.1.3' },
      evaluation: { rocAuc: 0.872, accuracy: 0.812, f1: 0.7 },
      validation: { passed: true, checks: 12 },
      tags: { owner: 'risk-team', dataset: 'loans-2026q4' },
    });
    await admin.ok('PUT', `${base}/versions/v2/reference`, toCsv(ref), 'text/csv');
    await admin.ok('PUT', `${base}/aliases/canary`, { version: 'v2' });
    // A promotion and its rollback, so the alias history has something to show.
    await admin.ok('PUT', `${base}/aliases/production`, { version: 'v2' });
    await admin.ok('PUT', `${base}/aliases/production`, { version: 'v1' });
    // Break results down by region (the dashboard's per-segment table).
    await admin.ok('PUT', `${base}/config`, { segments: ['region'] });

    const t0 = now();
    const { records, labels, later } = backfill({
      startMs,
      days: 14,
      perHour: options.perHour ?? 200,
      nowMs: t0,
    });
    log(`demo: back-filling ${records.length} records and ${labels.length} labels (14 days)`);
    await sendRecords(ingest, records);
    await sendLabels(ingest, labels);
    backfilledRecords = records.length;
    pending.push(...later);
    log(`demo: back-fill done in ${((now() - t0) / 1000).toFixed(1)} s`);
  }

  // Live traffic: a few records per second, labels after a short delay; back-filled records whose 6 h label delay
  // elapses while the demo runs get their labels too.
  const rate = options.liveRatePerSecond ?? 2;
  const labelDelay = options.liveLabelDelayMs ?? 60_000;
  const r = createRandom(now() >>> 0);
  let seq = 0;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = async () => {
    const t = now();
    const day = Math.floor((t - startMs) / DAY_MS);
    const batch: DemoRecord[] = [];
    for (let i = 0; i < rate; i++) {
      const { record, target } = demoRecord(r, `live-${t}-${seq++}`, t, day);
      batch.push(record);
      pending.push({ id: record.id, target, timestamp: t + labelDelay });
    }
    const due = pending.filter((l) => l.timestamp <= t);
    if (due.length) pending.splice(0, pending.length, ...pending.filter((l) => l.timestamp > t));
    try {
      await sendRecords(ingest, batch);
      if (due.length) await sendLabels(ingest, due);
    } catch (e) {
      log(`demo: live traffic error: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(() => {
    if (!stopped) inFlight = inFlight.then(tick);
  }, 1000);
  timer.unref();
  return {
    readKey,
    ingestKey,
    backfilledRecords,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
