import { describe, expect, it } from 'vitest';
import { formatIsoDatetime, parseIsoDatetime } from '../../src/readers/parse/iso-datetime.ts';
import { mayBeNaBytes, PANDAS_NA_STRINGS } from '../../src/readers/parse/na-values.ts';
import { parseNumberText } from '../../src/readers/parse/number-text.ts';

describe('parseNumberText (pandas C-parser grammar)', () => {
  it.each([
    ['1', 1, true],
    [' 7 ', 7, true],
    ['+007', 7, true],
    ['-0', -0, true],
    ['9223372036854775807', 2 ** 63, true],
    ['-9223372036854775808', -(2 ** 63), true],
    ['1.5', 1.5, false],
    ['.5', 0.5, false],
    ['5.', 5, false],
    ['1.e5', 100000, false],
    ['-1.5E-3', -0.0015, false],
    ['\t2.5\r', 2.5, false],
    ['1e-400', 0, false],
    ['inf', Infinity, false],
    ['-Infinity', -Infinity, false],
    ['+INF', Infinity, false],
    ['iNfInItY', Infinity, false],
  ])('%j is %d (integer literal: %s)', (text, value, integer) => {
    expect(parseNumberText(text)).toEqual({ value, integer });
  });

  it.each([
    '',
    ' ',
    '.',
    '-',
    '+.',
    '1e',
    '.e5',
    '1e+',
    '0x10',
    '1_000',
    '1d5',
    '1 2',
    '1,5',
    'nan',
    'NAN',
    'infinite',
    '1e400',
    '-1e400',
    '9223372036854775808',
    '-9223372036854775809',
    '99999999999999999999',
  ])('%j is not a number for pandas', (text) => {
    expect(parseNumberText(text)).toBeUndefined();
  });
});

describe('parseIsoDatetime', () => {
  it.each([
    ['2018-01-01', Date.UTC(2018, 0, 1)],
    ['2018-01-01 00:00:00.000', Date.UTC(2018, 0, 1)],
    ['2018-01-01T00:00:00Z', Date.UTC(2018, 0, 1)],
    ['2018-01-01T12:30', Date.UTC(2018, 0, 1, 12, 30)],
    ['2018-01-01T12:30:15.5', Date.UTC(2018, 0, 1, 12, 30, 15, 500)],
    ['2018-01-01T12:30:00+01:00', Date.UTC(2018, 0, 1, 11, 30)],
    ['2018-01-01T12:30:00-0230', Date.UTC(2018, 0, 1, 15, 0)],
    ['2018-01-01T12:30:00+05', Date.UTC(2018, 0, 1, 7, 30)],
    ['2020-02-29', Date.UTC(2020, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59.999', -1],
    ['0001-01-01', -62135596800000],
  ])('%s → %d', (text, ms) => {
    expect(parseIsoDatetime(text)).toBe(ms);
  });

  it('keeps microseconds as fractional milliseconds', () => {
    expect(parseIsoDatetime('1970-01-01 00:00:00.123456')).toBeCloseTo(123.456, 9);
  });

  it.each([
    '2018-1-1',
    '2018-02-30',
    '1900-02-29',
    '2018-13-01',
    '2018-01-01T24:00',
    '2018-01-01T12:60',
    '2018-01-01T12:30:61',
    '2018-01-01T12',
    '2018-01-01T12:30:00.',
    '2018-01-01T12:30:00.1234567891',
    '2018-01-01T12:30:00 Z',
    '2018-01-01T12:30:00+1:00',
    '2018-01-01X12:30',
    '20180101',
    ' 2018-01-01',
    '2018-01-01 ',
  ])('%j is not an ISO date', (text) => {
    expect(parseIsoDatetime(text)).toBeNaN();
  });

  it('formats epoch ms back to ISO text', () => {
    expect(formatIsoDatetime(Date.UTC(2018, 0, 1, 12))).toBe('2018-01-01T12:00:00.000Z');
  });
});

describe('NA strings', () => {
  it('is the pandas 2 default set, and the byte pre-filter admits every member', () => {
    expect(PANDAS_NA_STRINGS.size).toBe(19);
    for (const na of PANDAS_NA_STRINGS) {
      if (na === '') continue;
      expect(mayBeNaBytes(na.charCodeAt(0), Buffer.byteLength(na)), na).toBe(true);
    }
    expect(mayBeNaBytes('x'.charCodeAt(0), 1)).toBe(false);
    expect(mayBeNaBytes('N'.charCodeAt(0), 9)).toBe(false);
  });
});
