import { describe, expect, it } from 'vitest';
import { type ChunkPeriod, chunkByPeriod } from '../../../src/core/chunks/index.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { oracle, rows } from '../estimation/oracle.ts';

const fixture = oracle('chunks.json');

interface PeriodCase {
  name: string;
  period: ChunkPeriod;
  timestamps: number[];
  chunks: PandasChunk[];
}

interface PandasChunk {
  key: string;
  rows: number[];
  start: string;
  end: string;
}

function rowsOf(c: { startIndex: number; endIndex: number; indices?: Int32Array }): number[] {
  if (c.indices) return [...c.indices];
  return Array.from({ length: c.endIndex - c.startIndex }, (_, i) => c.startIndex + i);
}

const ms = (iso: string) => Date.parse(`${iso}Z`);

describe('chunkByPeriod against pandas to_period (NannyML PeriodBasedChunker)', () => {
  it.each(
    rows<[string, ChunkPeriod, PeriodCase]>(fixture.period.map((c: PeriodCase) => [c.name, c.period, c])),
  )('%s timestamps, period %s: same rows per period, in time order', (_name, period, c) => {
    const chunks = chunkByPeriod(Float64Array.from(c.timestamps), period);
    const expected: PandasChunk[] = c.chunks;
    expect(chunks.map(rowsOf)).toEqual(expected.map((e) => e.rows));
    expect(chunks.map((x) => x.rows)).toEqual(expected.map((e) => e.rows.length));
    // start = the pandas period's start_time; end = the next period's start (pandas gives the last nanosecond)
    expect(chunks.map((x) => Date.parse(x.start!))).toEqual(expected.map((e) => ms(e.start)));
    expect(chunks.map((x) => Date.parse(x.end!) - 1)).toEqual(
      expected.map((e) => Math.floor(ms(e.end.slice(0, 23)))),
    );
    if (period !== '1w') expect(chunks.map((x) => x.key)).toEqual(expected.map((e) => e.key));
    else expect(chunks.map((x) => x.start!.slice(0, 10))).toEqual(expected.map((e) => e.key.slice(0, 10)));
    expect(chunks.map((x) => x.index)).toEqual(chunks.map((_, i) => i));
  });

  it('labels ISO weeks with the ISO week-year', () => {
    const t = (iso: string) => Date.parse(iso);
    const chunks = chunkByPeriod(
      Float64Array.from([t('2021-01-03T23:00:00Z'), t('2021-01-04T00:00:00Z'), t('2024-12-30T08:00:00Z')]),
      '1w',
    );
    expect(chunks.map((c) => c.key)).toEqual(['2020-W53', '2021-W01', '2025-W01']);
    expect(chunks[0]!.start).toBe('2020-12-28T00:00:00.000Z');
    expect(chunks[0]!.end).toBe('2021-01-04T00:00:00.000Z');
  });

  it('gives contiguous chunks for sorted rows and skips rows without a timestamp', () => {
    const day = 86_400_000;
    const ts = Float64Array.from([0, 10, Number.NaN, day + 5, day + 6, Number.NaN, 3 * day]);
    const chunks = chunkByPeriod(ts, '1d');
    expect(chunks.map((c) => [c.key, c.startIndex, c.endIndex, c.rows])).toEqual([
      ['1970-01-01', 0, 2, 2],
      ['1970-01-02', 3, 5, 2],
      ['1970-01-04', 6, 7, 1],
    ]);
    expect(chunks.every((c) => c.indices === undefined)).toBe(true);
    const gappy = chunkByPeriod(Float64Array.from([0, Number.NaN, 10]), '1d');
    expect(gappy).toHaveLength(1);
    expect([...gappy[0]!.indices!]).toEqual([0, 2]);
    expect(chunkByPeriod(new Float64Array(0), '1M')).toEqual([]);
    expect(chunkByPeriod(Float64Array.from([Number.NaN, Number.POSITIVE_INFINITY]), '1M')).toEqual([]);
  });

  it('months are calendar months in UTC', () => {
    const t = (iso: string) => Date.parse(iso);
    const chunks = chunkByPeriod(
      Float64Array.from([
        t('2024-01-31T23:59:59.999Z'),
        t('2024-02-01T00:00:00Z'),
        t('2024-02-29T12:00:00Z'),
      ]),
      '1M',
    );
    expect(chunks.map((c) => [c.key, c.rows, c.start, c.end])).toEqual([
      ['2024-01', 1, '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
      ['2024-02', 2, '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ]);
  });

  it('rejects an unknown period', () => {
    // @ts-expect-error: not a period
    expect(() => chunkByPeriod(new Float64Array(1), '1h')).toThrow(UsageError);
  });
});
