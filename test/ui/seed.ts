/**
 * A dashboard fixture inserted straight into storage (no ingestion, no evaluator): project `shop` with model
 * `credit-default` — versions v1/v2 with metadata, aliases and their audit history (a promotion and a rollback),
 * a few records and labels, and 14 days of hourly and daily windows whose series tell the demo's story: `income`
 * and `debt_ratio` drift from day 10, ROC AUC drops then, labels are missing for the last 6 hours (CBPE estimates
 * cover them), an error-rate spike on day 12. Daily windows and the newest hourly ones carry a real window result
 * (the check engine's JSON, from `compareTables`), so the cell detail and the data-quality section have data.
 */

import { compareTables } from '../../src/core/report/compare-tables.ts';
import type { ReportResult } from '../../src/core/report/result-schema.ts';
import { createRandom, type RandomSource } from '../../src/core/stats/random.ts';
import { appendAudit } from '../../src/storage/audit-store.ts';
import { createKey } from '../../src/storage/keys-store.ts';
import { createModel, type Model } from '../../src/storage/models-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { createProject, type Project } from '../../src/storage/projects-store.ts';
import type { Database } from '../../src/storage/schema.ts';
import { num, str, table } from '../helpers/table.ts';
import { type Harness, makeHarness } from '../server/app-harness.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The fixture's clock: 2026-11-23 04:30 UTC (day 13 of the history, 4.5 hours in). */
export const NOW = Date.UTC(2026, 10, 23, 4, 30);
export const TODAY = Math.floor(NOW / DAY) * DAY;
/** Day 0 of the history. */
export const START = TODAY - 13 * DAY;
export const DRIFT_DAY = 10;
export const FEATURES = ['age', 'debt_ratio', 'income', 'region'] as const;

export interface Seeded {
  readonly h: Harness;
  readonly storage: StorageHandle;
  readonly project: Project;
  readonly model: Model;
  readonly v1: string;
  readonly v2: string;
  readonly keys: {
    readonly read: string;
    readonly ingest: string;
    readonly admin: string;
    readonly other: string;
  };
  close(): Promise<void>;
}

function normal(r: RandomSource): number {
  const u = 1 - r.nextFloat();
  const v = r.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function sample(r: RandomSource, n: number, drifted: boolean) {
  const income: number[] = [];
  const debt: number[] = [];
  const age: number[] = [];
  const region: string[] = [];
  const regions = ['north', 'south', 'east', 'west'];
  for (let i = 0; i < n; i++) {
    income.push(Math.max(8000, (52_000 + 20_000 * normal(r)) * (drifted ? 0.8 : 1)));
    debt.push(Math.min(Math.max(0.3 + 0.1 * normal(r) + (drifted ? 0.1 : 0), 0), 1));
    age.push(Math.round(Math.min(Math.max(41 + 12 * normal(r), 18), 90)));
    region.push(regions[Math.floor(r.nextFloat() * 4)]!);
  }
  return table(num('age', age, 'int'), num('debt_ratio', debt), num('income', income), str('region', region));
}

type SeriesRow = Database['series'];

export async function seedDashboard(
  options: { projectName?: string; modelName?: string; extraModel?: string; storage?: StorageHandle } = {},
): Promise<Seeded> {
  const h = await makeHarness({}, options.storage, () => NOW);
  const storage = h.deps.storage;
  const r = createRandom(42);
  const project = (await createProject(storage, {
    name: options.projectName ?? 'shop',
    actor: 'test',
    now: START,
  }))!;
  const other = (await createProject(storage, { name: 'other', actor: 'test', now: START }))!;
  const mk = async (projectId: string, scopes: ('read' | 'ingest' | 'admin')[]) =>
    (await createKey(storage, { projectId, scopes, createdBy: 'test', now: START })).secret;
  const keys = {
    read: await mk(project.id, ['read']),
    ingest: await mk(project.id, ['ingest']),
    admin: await mk(project.id, ['admin']),
    other: await mk(other.id, ['read']),
  };
  const model = await createModel(storage, {
    projectId: project.id,
    name: options.modelName ?? 'credit-default',
    schema: {
      features: { age: 'int', debt_ratio: 'float', income: 'float', region: 'string' },
      prediction: 'int',
    },
    actor: 'test',
    now: START,
  });
  if (options.extraModel)
    await createModel(storage, {
      projectId: project.id,
      name: options.extraModel,
      actor: 'test',
      now: START,
    });

  // Registry: v1 and v2, production → v1, canary → v2, then a promotion of v2 and its rollback.
  const version = async (name: string, at: number, auc: number) => {
    const id = `ver-${name}`;
    await storage.db
      .insertInto('versions')
      .values({
        id,
        model_id: model.id,
        name,
        created_at: at,
        created_by: 'ci-bot',
        contract_json: null,
        reference_json: '{}',
        reference_source_json: JSON.stringify({ kind: 'upload', file: `train-${name}.csv` }),
        features_json: null,
        fingerprint: `sha256:${name}-fingerprint`,
        environment_json: JSON.stringify({ python: '3.11', xgboost: '2.1.1' }),
        evaluation_json: JSON.stringify({ rocAuc: auc, accuracy: 0.8 }),
        validation_json: JSON.stringify({ passed: true, checks: 12 }),
        tags_json: JSON.stringify({ owner: 'risk-team' }),
        config_json: null,
      })
      .execute();
    return id;
  };
  const v1 = await version('v1', START, 0.861);
  const v2 = await version('v2', START + 1000, 0.872);
  const moves: [string, string | null, string, number][] = [
    ['production', null, 'v1', START + 2000],
    ['canary', null, 'v2', START + 3000],
    ['production', 'v1', 'v2', START + 4000],
    ['production', 'v2', 'v1', START + 5000],
  ];
  for (const [alias, from, to, at] of moves) {
    await appendAudit(storage.db, {
      projectId: project.id,
      actor: 'admin-key',
      action: 'alias.set',
      targetType: 'alias',
      targetId: `${model.id}/${alias}`,
      before: from === null ? null : { model: model.name, alias, version: from },
      after: { model: model.name, alias, version: to },
      at,
    });
  }
  for (const [alias, id] of [
    ['production', v1],
    ['canary', v2],
  ] as const) {
    await storage.db
      .insertInto('aliases')
      .values({
        model_id: model.id,
        alias,
        version_id: id,
        updated_at: START + 5000,
        updated_by: 'admin-key',
      })
      .execute();
  }

  // Records: one labelled, one waiting for its label, one with an id that is markup.
  const rec = (id: string, ts: number, income: number) => ({
    model_id: model.id,
    record_id: id,
    version_id: v1,
    ts,
    received_at: ts + 50,
    features_json: JSON.stringify({ age: 37, debt_ratio: 0.42, income, region: 'north' }),
    prediction_json: '1',
    score: 0.81,
    scores_json: null,
    segments_json: JSON.stringify({ region: 'north' }),
    latency_ms: 41,
    error: null,
  });
  await storage.db
    .insertInto('records')
    .values([
      rec('rec-1', TODAY + 2 * HOUR + 60_000, 41_000),
      rec('rec-2', TODAY + 4 * HOUR, 39_000),
      rec('<script>alert(1)</script>', TODAY + 3 * HOUR, 50_000),
    ])
    .execute();
  await storage.db
    .insertInto('labels')
    .values({
      model_id: model.id,
      record_id: 'rec-1',
      target_json: '0',
      ts: TODAY + 3 * HOUR,
      received_at: TODAY + 3 * HOUR,
    })
    .execute();

  // Windows and series.
  const reference = sample(r, 6000, false);
  const series: SeriesRow[] = [];
  const windows: Database['windows'][] = [];
  const add = (
    metric: string,
    g: string,
    start: number,
    value: number | null,
    rows: number,
    method: string | null = null,
    segment = '',
  ) =>
    series.push({
      model_id: model.id,
      metric,
      granularity: g,
      version_key: '*',
      segment,
      start_ms: start,
      end_ms: start + (g === '1h' ? HOUR : DAY),
      value,
      exact: 1,
      rows,
      method,
    });
  const lastClosedHour = Math.floor(NOW / HOUR) * HOUR - HOUR; // 03:00 (04:00 is still open)
  const withResult = (g: string, start: number) => g === '1d' || start >= lastClosedHour - 2 * HOUR;
  for (const g of ['1h', '1d'] as const) {
    const step = g === '1h' ? HOUR : DAY;
    const end = g === '1h' ? lastClosedHour + HOUR : TODAY;
    for (let start = START; start < end; start += step) {
      const day = Math.floor((start - START) / DAY);
      const drifted = day >= DRIFT_DAY;
      const rows = g === '1h' ? 200 : 4800;
      const hour = new Date(start).getUTCHours();
      let result: ReportResult | null = null;
      if (withResult(g, start)) {
        result = compareTables(reference, sample(r, g === '1h' ? 200 : 4000, drifted));
        if (g === '1d' && day === 12)
          result = {
            ...result,
            contract: {
              source: null,
              violations: [{ column: 'age', check: 'range', message: 'age: 3 values above the maximum 90' }],
            },
          };
        for (const c of result.drift.columns)
          add(`drift.feature.${c.column}`, g, start, c.statistic, c.currentRows, c.method);
        add('drift.share', g, start, result.drift.share, rows);
        add('drift.dataset', g, start, result.drift.datasetDrift ? 1 : 0, rows);
        add('drift.count', g, start, result.drift.driftedCount, rows);
      } else {
        for (const f of FEATURES) {
          const shifted = drifted && (f === 'income' || f === 'debt_ratio');
          const p = shifted ? 1e-6 * r.nextFloat() : 0.1 + 0.9 * r.nextFloat();
          add(`drift.feature.${f}`, g, start, p, rows, f === 'region' ? 'chisquare' : 'ks');
        }
        add('drift.share', g, start, drifted ? 0.5 : 0, rows);
        add('drift.dataset', g, start, drifted ? 1 : 0, rows);
        add('drift.count', g, start, drifted ? 2 : 0, rows);
      }
      add('drift.prediction', g, start, drifted ? 1e-4 : 0.5, rows, 'ks');
      // Hourly windows of the last 6 hours have no labels yet; closed days have (nearly) all of theirs.
      const labelled = start + step <= NOW - (g === '1h' ? 6 * HOUR : 0);
      const noise = (s: number) => s * normal(r) * (g === '1h' ? 1 : 0.25);
      const auc = (drifted ? 0.72 : 0.86) + noise(0.01);
      add('quality.rocAuc', g, start, labelled ? auc : null, labelled ? rows : 0);
      add(
        'quality.accuracy',
        g,
        start,
        labelled ? (drifted ? 0.7 : 0.8) + noise(0.01) : null,
        labelled ? rows : 0,
      );
      add('quality.estimated.rocAuc', g, start, 0.85 + noise(0.008), rows);
      if (g === '1d' && labelled) {
        add('quality.rocAuc', g, start, auc - 0.05, rows / 4, null, 'region=north');
        add('quality.rocAuc', g, start, auc + 0.02, rows / 4, null, 'region=south');
      }
      const outage = day === 12 && hour >= 9 && hour < 12;
      add('health.errorRate', g, start, g === '1h' ? (outage ? 0.3 : 0) : day === 12 ? 0.0375 : 0, rows);
      add('health.latencyP50Ms', g, start, 35 + noise(1), rows);
      add('health.latencyP95Ms', g, start, (outage && g === '1h' ? 5 : 1) * (62 + noise(2)), rows);
      add('health.latencyP99Ms', g, start, (outage && g === '1h' ? 5 : 1) * (80 + noise(3)), rows);
      add('health.throughput', g, start, rows / (step / 60_000), rows);
      add('health.rows', g, start, rows, rows);
      add('dataQuality.missingShare', g, start, 0.01 + Math.abs(noise(0.002)), rows);
      add('dataQuality.outOfRangeShare', g, start, drifted ? 0.04 : 0.005, rows);
      add('dataQuality.unseenCategoryShare', g, start, 0, rows);
      add('dataQuality.contractViolations', g, start, g === '1d' && day === 12 ? 1 : 0, rows);
      windows.push({
        model_id: model.id,
        granularity: g,
        start_ms: start,
        end_ms: start + step,
        version_key: '*',
        status: 'evaluated',
        revision: 1,
        rows,
        evaluated_at: start + step + 5 * 60_000,
        lease_owner: null,
        lease_until: null,
        result_json: result ? JSON.stringify(result) : null,
        profile_json: null,
      });
    }
  }
  // Per-version series for the side-by-side (v1 steady, v2 a little better on ROC AUC, slower).
  for (let start = TODAY - 7 * DAY; start < TODAY; start += HOUR) {
    for (const [vk, auc, p95] of [
      [v1, 0.8, 60],
      [v2, 0.83, 75],
    ] as const) {
      for (const [metric, value] of [
        ['quality.rocAuc', auc],
        ['health.latencyP95Ms', p95],
        ['health.rows', 100],
      ] as const)
        series.push({
          model_id: model.id,
          metric,
          granularity: '1h',
          version_key: vk,
          segment: '',
          start_ms: start,
          end_ms: start + HOUR,
          value,
          exact: 1,
          rows: 100,
          method: null,
        });
    }
  }
  for (let i = 0; i < series.length; i += 400)
    await storage.db
      .insertInto('series')
      .values(series.slice(i, i + 400))
      .execute();
  for (let i = 0; i < windows.length; i += 200)
    await storage.db
      .insertInto('windows')
      .values(windows.slice(i, i + 200))
      .execute();
  return { h, storage, project, model, v1, v2, keys, close: () => h.close() };
}
