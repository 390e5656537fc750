/**
 * What a reader worker posts back: a finished table with its typed arrays transferred (not copied),
 * progress, or an error that is rebuilt as the same `DriftwatchError` subclass and code.
 * @module
 */

import { DriftwatchError, InputError, UsageError } from '../../core/errors.ts';
import type { Column, Table } from '../../core/table/column.ts';

export type WorkerReply =
  | { readonly type: 'progress'; readonly bytes: number }
  | { readonly type: 'table'; readonly table: Table }
  | {
      readonly type: 'error';
      readonly name: string;
      readonly code: string | undefined;
      readonly message: string;
    };

/** The buffers to transfer with a table message. */
export function transferList(table: Table): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const c of table.columns) {
    const buffers = [
      'values' in c ? c.values.buffer : c.codes.buffer,
      c.profile?.sorted?.buffer,
      c.profile?.codeCounts?.buffer,
    ];
    for (const buffer of buffers) if (buffer instanceof ArrayBuffer) seen.add(buffer);
  }
  return [...seen];
}

/** Restore a table received from a worker (re-freeze what structured cloning unfroze). */
export function tableFromMessage(table: Table): Table {
  const columns = table.columns.map((c): Column => {
    if ('values' in c) {
      return Object.freeze({
        name: c.name,
        dtype: c.dtype,
        values: c.values,
        ...(c.profile ? { profile: c.profile } : {}),
      });
    }
    return Object.freeze({
      name: c.name,
      dtype: c.dtype,
      codes: c.codes,
      dictionary: Object.freeze(c.dictionary),
      ...(c.profile ? { profile: c.profile } : {}),
    });
  });
  return Object.freeze({
    columns: Object.freeze(columns),
    rowCount: table.rowCount,
    ...(table.duplicatedRows === undefined ? {} : { duplicatedRows: table.duplicatedRows }),
  });
}

export function errorToMessage(err: unknown): WorkerReply {
  if (err instanceof Error) {
    const code = err instanceof DriftwatchError ? err.code : undefined;
    return { type: 'error', name: err.name, code, message: err.message };
  }
  return { type: 'error', name: 'Error', code: undefined, message: String(err) };
}

export function errorFromMessage(reply: Extract<WorkerReply, { type: 'error' }>): Error {
  if (reply.code !== undefined) {
    if (reply.name === 'InputError') return new InputError(reply.code, reply.message);
    if (reply.name === 'UsageError') return new UsageError(reply.code, reply.message);
    return new DriftwatchError(reply.code, reply.message);
  }
  const e = new Error(reply.message);
  e.name = reply.name;
  return e;
}
