import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultJsonSchema } from '../scripts/result-schema.ts';
import { VERSION } from '../src/core/version.ts';

describe('project metadata', () => {
  it('keeps VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
  it('keeps docs/result.schema.json generated from the zod schema (run `npx tsx scripts/result-schema.ts`)', () => {
    expect(readFileSync(new URL('../docs/result.schema.json', import.meta.url), 'utf8')).toBe(
      resultJsonSchema(),
    );
  });
  it('keeps src/core free of node: imports (it must run in a browser)', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../src/core', import.meta.url), {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) =>
      /from ['"]node:/.test(readFileSync(new URL(`../src/core/${f}`, import.meta.url), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
