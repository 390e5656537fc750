/** `.dwprofile` text: serialise/parse round trip, and stable error codes for every kind of bad file. */
import { describe, expect, it } from 'vitest';
import { parseProfile, serializeProfile } from '../../../src/core/profile/profile-file.ts';
import { DatasetProfileSchema } from '../../../src/core/profile/profile-schema.ts';
import { profileTable } from '../../../src/core/profile/profile-table.ts';
import { num, str, table } from '../../helpers/table.ts';

const sample = table(
  num('x', [1.5, null, 3, Number.NEGATIVE_INFINITY]),
  num('n', [1, 2, 3, 4], 'int'),
  str('s', ['a', 'b', null, 'a']),
  str('b', ['true', 'false', 'true', 'true'], 'bool'),
);

describe('serializeProfile / parseProfile', () => {
  it('round-trips a profile (one line of JSON) and validates against the zod schema', () => {
    const profile = profileTable(sample, { createdAtMs: 1_700_000_000_000, source: 'sample.csv' });
    const text = serializeProfile(profile);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().includes('\n')).toBe(false);
    expect(parseProfile(text)).toEqual(profile);
    expect(DatasetProfileSchema.safeParse(JSON.parse(text)).success).toBe(true);
    expect(profile).toMatchObject({
      format: 'driftwatch-profile',
      formatVersion: 1,
      rows: 4,
      exact: true,
      createdAtMs: 1_700_000_000_000,
      source: 'sample.csv',
    });
    expect(profile.columns.map((c) => [c.name, c.dtype, c.count, c.missing, c.distinct])).toEqual([
      ['x', 'float', 3, 1, 2],
      ['n', 'int', 4, 0, 4],
      ['s', 'string', 3, 1, 2],
      ['b', 'bool', 4, 0, 2],
    ]);
  });

  it('recomputes derived fields instead of trusting them', () => {
    const profile = profileTable(sample);
    const tampered = JSON.parse(serializeProfile(profile));
    tampered.exact = false;
    tampered.columns[0].exact = false;
    tampered.columns[0].rankErrorBound = 0.5;
    tampered.columns[0].distinct = 99;
    expect(parseProfile(JSON.stringify(tampered))).toEqual(profile);
  });

  const good = () => JSON.parse(serializeProfile(profileTable(sample)));
  /** Each case edits a good profile in place, or returns a replacement (text or value). */
  // biome-ignore lint/suspicious/noExplicitAny: the cases poke at arbitrary JSON.
  type Json = any;
  const cases: [string, (p: Json) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": ', /not JSON/],
    ['not a profile', () => ({ hello: 1 }), /"format": "driftwatch-profile"/],
    ['an array', () => [1, 2], /"format"/],
    ['bad shape', (p) => ({ ...p, rows: -1 }), /rows/],
    [
      'bad column shape',
      (p) => {
        p.columns[2].items.items[0][1] = 'x';
      },
      /columns\[2\]\.items\.items\[0\]\[1\]/,
    ],
    [
      'unknown dtype',
      (p) => {
        p.columns[0].dtype = 'decimal';
      },
      /columns\[0\]/,
    ],
    [
      'counts that do not add up',
      (p) => {
        p.columns[0].count = 7;
      },
      /column 'x': count \+ missing/,
    ],
    [
      'a duplicate column',
      (p) => {
        p.columns[1].name = 'x';
      },
      /column 'x' appears twice/,
    ],
    [
      'an inconsistent sketch',
      (p) => {
        p.columns[0].quantiles.values.push(8);
      },
      /column 'x'/,
    ],
    [
      'a frequent-items total off',
      (p) => {
        p.columns[2].items.total = 2;
      },
      /column 's'/,
    ],
  ];
  for (const [what, mutate, message] of cases) {
    it(`rejects ${what} with DW_PROFILE_INVALID`, () => {
      const profile = good();
      const replaced = mutate(profile);
      const value = replaced === undefined ? profile : replaced;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      expect(() => parseProfile(text, 'ref.dwprofile')).toThrow(
        expect.objectContaining({ code: 'DW_PROFILE_INVALID', message: expect.stringMatching(message) }),
      );
      expect(() => parseProfile(text, 'ref.dwprofile')).toThrow(
        /ref\.dwprofile is not a valid driftwatch profile/,
      );
    });
  }

  it('rejects a newer format version with DW_PROFILE_VERSION', () => {
    const text = JSON.stringify({ ...good(), formatVersion: 2 });
    expect(() => parseProfile(text)).toThrow(expect.objectContaining({ code: 'DW_PROFILE_VERSION' }));
  });
});
