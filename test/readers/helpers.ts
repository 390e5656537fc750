import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import type { Column, Table } from '../../src/core/table/column.ts';

/** A fresh temporary directory for one test file. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dw-readers-'));
}

/** Write `content` to `dir/name` (creating sub-directories) and return the path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** The column named `name`. */
export function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${table.columns.map((x) => x.name).join(', ')}`);
  return c;
}

/** Cells of a column as plain JS values: numbers (NaN → null) or strings (missing → null). */
export function cells(c: Column): (number | string | null)[] {
  if ('values' in c) return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]!));
}

/** `{name: dtype}` of a table. */
export function dtypes(table: Table): Record<string, string> {
  return Object.fromEntries(table.columns.map((c) => [c.name, c.dtype]));
}

/** `CODE: message` of the InputError that `promise` rejects with. */
export async function inputError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.code}: ${err.message}`;
  }
  throw new Error('expected an InputError');
}
