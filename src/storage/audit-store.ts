/**
 * The append-only audit trail (who, what, when, before/after). Rows are only ever inserted.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export interface AuditEntryInput {
  readonly projectId: string | null;
  readonly actor: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly at: number;
}

export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly at: number;
  readonly actor: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  e: AuditEntryInput,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(e.at),
      project_id: e.projectId,
      at: e.at,
      actor: e.actor,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export async function listAudit(
  db: Kysely<Database>,
  projectId: string,
  options: { limit?: number; afterSeq?: number; targetType?: string; targetId?: string } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().where('project_id', '=', projectId);
  if (options.afterSeq !== undefined) q = q.where('seq', '>', options.afterSeq);
  if (options.targetType !== undefined) q = q.where('target_type', '=', options.targetType);
  if (options.targetId !== undefined) q = q.where('target_id', '=', options.targetId);
  const rows = await q
    .orderBy('seq', 'asc')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}
