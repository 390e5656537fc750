/**
 * Deterministic demo traffic for `npm start`: a credit-default classifier (`credit-default`) scoring loan
 * applications. The story the data tells, so the dashboard and alerts have something true to show:
 * - days 0–9: stable; the model is well calibrated on this population;
 * - from day 10: **drift in two features** — `income` falls (×0.8) and `debt_ratio` rises (+0.1) — and the
 *   relation between features and default changes (`credit_lines` starts to matter), so once labels arrive
 *   the model's accuracy and ROC AUC drop;
 * - day 12, 09:00–12:00 UTC: an upstream outage — 30 % of requests fail (`error: "UPSTREAM_TIMEOUT"`) and
 *   latency ×5;
 * - labels arrive 6 hours after the prediction (the last 6 hours have none yet).
 * Pure: no I/O, seeded PRNG, so tests can assert what the demo contains.
 * @module
 */
import { createRandom, type RandomSource } from '../core/stats/random.ts';

export const DEMO_PROJECT = 'demo';
export const DEMO_MODEL = 'credit-default';
export const DEMO_DRIFTED_FEATURES = ['income', 'debt_ratio'] as const;
export const DEMO_DRIFT_DAY = 10;
export const DEMO_OUTAGE = { day: 12, fromHour: 9, toHour: 12, errorShare: 0.3 } as const;
export const DEMO_LABEL_DELAY_MS = 6 * 3_600_000;
const REGIONS = ['north', 'south', 'east', 'west'] as const;
const EMPLOYMENT = ['salaried', 'self-employed', 'unemployed'] as const;

export interface DemoRecord {
  id: string;
  timestamp: number;
  version: string;
  features: {
    income: number;
    age: number;
    debt_ratio: number;
    credit_lines: number;
    region: string;
    employment: string;
  };
  prediction: number;
  score: number;
  segments: { region: string };
  latencyMs: number;
  error: string | null;
}

export interface DemoLabel {
  id: string;
  target: number;
  timestamp: number;
}

function normal(r: RandomSource): number {
  // Box–Muller; 1 − u avoids log(0).
  const u = 1 - r.nextFloat();
  const v = r.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The model's scoring rule (what it learned before the drift). */
export function modelScore(f: DemoRecord['features']): number {
  const z =
    -1.2 -
    1.6 * ((f.income - 52_000) / 20_000) +
    3.2 * ((f.debt_ratio - 0.3) / 0.1) * 0.5 +
    (f.employment === 'unemployed' ? 1.1 : 0);
  return sigmoid(z);
}

export interface GenerateOptions {
  /** Day 0 starts at this UTC midnight (epoch ms). */
  readonly startMs: number;
  /** Seed of the stream; records of the same (seed, index) are identical. */
  readonly seed?: number;
}

/** Generates one record at `timestamp`; `dayIndex` = days since the demo's day 0. */
export function demoRecord(
  r: RandomSource,
  id: string,
  timestamp: number,
  dayIndex: number,
): { record: DemoRecord; target: number } {
  const drifted = dayIndex >= DEMO_DRIFT_DAY;
  const hour = new Date(timestamp).getUTCHours();
  const income = Math.round(Math.exp(10.8 + 0.35 * normal(r)) * (drifted ? 0.8 : 1));
  const age = Math.max(18, Math.min(90, Math.round(41 + 12 * normal(r))));
  const debt = Math.max(0, Math.min(1.5, 0.3 + 0.1 * normal(r) + (drifted ? 0.1 : 0)));
  const creditLines = Math.max(0, Math.round(4 + 2.5 * normal(r)));
  const region = REGIONS[r.nextInt(REGIONS.length)]!;
  const u = r.nextFloat();
  const employment = u < 0.08 ? EMPLOYMENT[2] : u < 0.75 ? EMPLOYMENT[0] : EMPLOYMENT[1];
  const features = {
    income,
    age,
    debt_ratio: Math.round(debt * 1000) / 1000,
    credit_lines: creditLines,
    region,
    employment,
  };
  const score = modelScore(features);
  // Ground truth: before the drift it follows the model's rule; afterwards credit_lines matters and the effect
  // of debt changes sign partly (concept drift), so the model degrades.
  const trueZ = drifted
    ? Math.log(score / (1 - score)) - 0.6 + 0.7 * (creditLines - 4) - 0.9 * ((debt - 0.4) / 0.1)
    : Math.log(score / (1 - score));
  const target = r.nextFloat() < sigmoid(trueZ) ? 1 : 0;
  const outage = dayIndex === DEMO_OUTAGE.day && hour >= DEMO_OUTAGE.fromHour && hour < DEMO_OUTAGE.toHour;
  const failed = outage && r.nextFloat() < DEMO_OUTAGE.errorShare;
  const latency = Math.exp(3.6 + 0.35 * normal(r)) * (outage ? 5 : 1);
  const version = dayIndex >= 7 && r.nextFloat() < 0.1 ? 'v2' : 'v1';
  return {
    record: {
      id,
      timestamp,
      version,
      features,
      prediction: score >= 0.5 ? 1 : 0,
      score: Math.round(score * 1e6) / 1e6,
      segments: { region },
      latencyMs: Math.round(latency * 10) / 10,
      error: failed ? 'UPSTREAM_TIMEOUT' : null,
    },
    target,
  };
}

/**
 * Back-filled history: `perHour` records in every hour of `days` days from `startMs`, in time order, with the labels
 * that have "arrived" by `nowMs` (6 h delay).
 */
export function backfill(options: GenerateOptions & { days: number; perHour: number; nowMs: number }): {
  records: DemoRecord[];
  labels: DemoLabel[];
  /** Labels not yet arrived at `nowMs`, with the time they will. */
  later: DemoLabel[];
} {
  const r = createRandom(options.seed ?? 7);
  const records: DemoRecord[] = [];
  const labels: DemoLabel[] = [];
  const later: DemoLabel[] = [];
  const hours = options.days * 24;
  for (let h = 0; h < hours; h++) {
    const hourStart = options.startMs + h * 3_600_000;
    if (hourStart >= options.nowMs) break;
    for (let i = 0; i < options.perHour; i++) {
      const ts = hourStart + Math.floor(((i + r.nextFloat()) / options.perHour) * 3_600_000);
      if (ts > options.nowMs) break;
      const id = `bf-${h}-${i}`;
      const { record, target } = demoRecord(r, id, ts, Math.floor(h / 24));
      records.push(record);
      const labelAt = ts + DEMO_LABEL_DELAY_MS;
      (labelAt <= options.nowMs ? labels : later).push({ id, target, timestamp: labelAt });
    }
  }
  return { records, labels, later };
}

/** Reference data: the pre-drift population, `rows` records (for the version's reference upload). */
export function referenceRows(
  rows: number,
  seed = 11,
): Array<DemoRecord['features'] & { prediction: number; score: number; target: number }> {
  const r = createRandom(seed);
  const out: Array<DemoRecord['features'] & { prediction: number; score: number; target: number }> = [];
  for (let i = 0; i < rows; i++) {
    const { record, target } = demoRecord(r, `ref-${i}`, Date.UTC(2026, 0, 1, 12), 0);
    out.push({ ...record.features, prediction: record.prediction, score: record.score, target });
  }
  return out;
}
