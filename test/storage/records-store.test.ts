import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/storage/audit-store.ts';
import { createImplicitVersion, createModel } from '../../src/storage/models-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { createProject } from '../../src/storage/projects-store.ts';
import {
  countRecords,
  type FeedbackRow,
  findLabel,
  findRecord,
  findVersionInfo,
  type IngestOp,
  type LabelRow,
  listRecordFeedback,
  type PredictionRow,
  writeIngestOps,
} from '../../src/storage/records-store.ts';
import { DAY_MS, HOUR_MS } from '../../src/storage/windows-store.ts';
import { backends } from './backends.ts';

const T0 = Date.UTC(2026, 0, 5, 10, 30);

function pred(
  recordId: string,
  versionId: string,
  ts = T0,
  extra: Partial<PredictionRow> = {},
): PredictionRow {
  return {
    recordId,
    versionId,
    ts,
    receivedAt: T0 + 1000,
    featuresJson: JSON.stringify({ a: 1, b: 'x' }),
    predictionJson: '1',
    score: 0.75,
    scoresJson: null,
    segmentsJson: '{"region":"eu"}',
    latencyMs: 12.5,
    error: null,
    ...extra,
  };
}

function label(recordId: string, target: unknown, ts = T0 + HOUR_MS * 30): LabelRow {
  return { recordId, targetJson: JSON.stringify(target), ts, receivedAt: ts };
}

for (const backend of backends('records store')) {
  describe(`records store (${backend.name})`, () => {
    let handle: StorageHandle;
    let cleanup: () => Promise<void>;
    let projectId: string;
    let modelId: string;
    let otherModelId: string;
    let v1: string;
    let v2: string;

    const labelsOp = (rows: LabelRow[]): IngestOp => ({
      kind: 'labels',
      modelId,
      projectId,
      modelName: 'm',
      actor: 'key1',
      rows,
    });

    const windows = async () =>
      (
        await handle.db
          .selectFrom('windows')
          .select(['granularity', 'version_key', 'start_ms', 'status'])
          .where('model_id', '=', modelId)
          .orderBy('granularity')
          .orderBy('start_ms')
          .orderBy('version_key')
          .execute()
      ).map((w) => ({ ...w, start_ms: Number(w.start_ms) }));

    beforeAll(async () => {
      ({ handle, cleanup } = await backend.open());
      projectId = (await createProject(handle, { name: 'p', actor: null, now: T0 }))!.id;
      modelId = (await createModel(handle, { projectId, name: 'm', actor: null, now: T0 })).id;
      otherModelId = (await createModel(handle, { projectId, name: 'other', actor: null, now: T0 })).id;
      v1 = (await createImplicitVersion(handle, modelId, projectId, 'v1', T0)).id;
      v2 = (await createImplicitVersion(handle, modelId, projectId, 'v2', T0 + 1)).id;
    });
    afterAll(() => cleanup());

    it('stores predictions once: duplicates within an op, across ops of one commit and across commits', async () => {
      const out = await writeIngestOps(
        handle,
        [
          { kind: 'predictions', modelId, rows: [pred('a', v1), pred('b', v1), pred('a', v1)] },
          { kind: 'predictions', modelId, rows: [pred('b', v1), pred('c', v2, T0 + 2 * HOUR_MS)] },
          { kind: 'predictions', modelId: otherModelId, rows: [pred('a', v1)] },
        ],
        T0,
      );
      expect(out).toEqual([
        { accepted: 2, duplicates: 1 },
        { accepted: 1, duplicates: 1 },
        { accepted: 1, duplicates: 0 },
      ]);
      const again = await writeIngestOps(
        handle,
        [{ kind: 'predictions', modelId, rows: [pred('a', v1)] }],
        T0,
      );
      expect(again).toEqual([{ accepted: 0, duplicates: 1 }]);
      expect(await countRecords(handle, modelId)).toBe(3);
      expect(await countRecords(handle, otherModelId)).toBe(1);
    });

    it('touches the hourly and daily windows (all versions and per version) of stored records', async () => {
      const hour = Math.floor(T0 / HOUR_MS) * HOUR_MS;
      const day = Math.floor(T0 / DAY_MS) * DAY_MS;
      const ws = await windows();
      expect(ws).toEqual(
        expect.arrayContaining([
          { granularity: '1d', version_key: '*', start_ms: day, status: 'pending' },
          { granularity: '1d', version_key: v1, start_ms: day, status: 'pending' },
          { granularity: '1d', version_key: v2, start_ms: day, status: 'pending' },
          { granularity: '1h', version_key: '*', start_ms: hour, status: 'pending' },
          { granularity: '1h', version_key: v1, start_ms: hour, status: 'pending' },
          { granularity: '1h', version_key: '*', start_ms: hour + 2 * HOUR_MS, status: 'pending' },
          { granularity: '1h', version_key: v2, start_ms: hour + 2 * HOUR_MS, status: 'pending' },
        ]),
      );
      expect(ws).toHaveLength(7);
    });

    it('reads a record back with its version and no label yet', async () => {
      const r = await findRecord(handle, modelId, 'a');
      expect(r).toMatchObject({
        recordId: 'a',
        versionId: v1,
        versionName: 'v1',
        ts: T0,
        receivedAt: T0 + 1000,
        features: { a: 1, b: 'x' },
        prediction: 1,
        score: 0.75,
        scores: null,
        segments: { region: 'eu' },
        latencyMs: 12.5,
        error: null,
        label: null,
      });
      expect(await findRecord(handle, modelId, 'nope')).toBeUndefined();
      expect(await findVersionInfo(handle, v2)).toEqual({ id: v2, name: 'v2', contractJson: null });
    });

    it("labels: last value wins, a repeat is a duplicate, a change is audited and dirties the record's windows", async () => {
      await handle.db
        .updateTable('windows')
        .set({ status: 'evaluated' })
        .where('model_id', '=', modelId)
        .execute();
      const first = await writeIngestOps(handle, [labelsOp([label('a', 1), label('zz-later', 'x')])], T0);
      expect(first).toEqual([{ accepted: 2, duplicates: 0 }]);
      // Only the windows of record a (hour of T0, v1 and *) become dirty — not the label's arrival hour.
      const dirty = (await windows()).filter((w) => w.status === 'dirty');
      expect(
        dirty
          .map(
            (w) =>
              `${w.granularity}/${w.version_key === '*' ? '*' : w.version_key === v1 ? 'v1' : 'v2'}/${w.start_ms}`,
          )
          .sort(),
      ).toEqual(
        [
          `1d/*/${Math.floor(T0 / DAY_MS) * DAY_MS}`,
          `1d/v1/${Math.floor(T0 / DAY_MS) * DAY_MS}`,
          `1h/*/${Math.floor(T0 / HOUR_MS) * HOUR_MS}`,
          `1h/v1/${Math.floor(T0 / HOUR_MS) * HOUR_MS}`,
        ].sort(),
      );

      const second = await writeIngestOps(
        handle,
        [labelsOp([label('a', 1, T0 + 99)]), labelsOp([label('a', 0, T0 + HOUR_MS * 40), label('a', 0)])],
        T0 + 5,
      );
      expect(second).toEqual([
        { accepted: 0, duplicates: 1 },
        { accepted: 1, duplicates: 1 },
      ]);
      const rec = await findRecord(handle, modelId, 'a');
      expect(rec?.label).toEqual({ target: 0, ts: T0 + HOUR_MS * 40, receivedAt: T0 + HOUR_MS * 40 });
      const audit = (await listAudit(handle.db, projectId)).filter((e) => e.action === 'label.update');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'key1',
        targetType: 'label',
        targetId: 'a',
        before: { model: 'm', id: 'a', target: 1, timestamp: T0 + HOUR_MS * 30 },
        after: { model: 'm', id: 'a', target: 0, timestamp: T0 + HOUR_MS * 40 },
      });
    });

    it('a label before its prediction waits and joins when the prediction arrives', async () => {
      expect(await findLabel(handle, modelId, 'zz-later')).toMatchObject({ target: 'x' });
      expect(await findRecord(handle, modelId, 'zz-later')).toBeUndefined();
      await writeIngestOps(handle, [{ kind: 'predictions', modelId, rows: [pred('zz-later', v2)] }], T0);
      expect((await findRecord(handle, modelId, 'zz-later'))?.label?.target).toBe('x');
    });

    it('feedback: client ids are idempotent per model; generated ids otherwise', async () => {
      const fb = (clientId: string | undefined, comment: string): FeedbackRow => ({
        clientId,
        recordId: 'a',
        at: T0 + 10,
        receivedAt: T0 + 10,
        kind: 'correction',
        valueJson: '0',
        comment,
        author: 'ann',
      });
      const out = await writeIngestOps(
        handle,
        [
          { kind: 'feedback', modelId, rows: [fb('f1', 'first'), fb('f1', 'again'), fb(undefined, 'anon')] },
          { kind: 'feedback', modelId: otherModelId, rows: [fb('f1', 'other model')] },
        ],
        T0,
      );
      expect(out).toEqual([
        { accepted: 2, duplicates: 1 },
        { accepted: 1, duplicates: 0 },
      ]);
      const list = await listRecordFeedback(handle, modelId, 'a');
      expect(list.map((f) => f.comment).sort()).toEqual(['anon', 'first']);
      expect(list.find((f) => f.comment === 'first')).toMatchObject({
        id: 'f1',
        kind: 'correction',
        value: 0,
        author: 'ann',
      });
    });

    it('a failing op rolls the whole transaction back', async () => {
      const before = await countRecords(handle, modelId);
      await expect(
        writeIngestOps(
          handle,
          [
            { kind: 'predictions', modelId, rows: [pred('rollback-1', v1)] },
            // featuresJson NOT NULL violated → the statement fails
            {
              kind: 'predictions',
              modelId,
              rows: [pred('rollback-2', v1, T0, { featuresJson: null as unknown as string })],
            },
          ],
          T0,
        ),
      ).rejects.toThrow();
      expect(await countRecords(handle, modelId)).toBe(before);
    });

    it('handles a large batch in one transaction', async () => {
      const rows = Array.from({ length: 6000 }, (_, i) => pred(`bulk-${i}`, v1, T0 + i * 1000));
      const [out] = await writeIngestOps(handle, [{ kind: 'predictions', modelId, rows }], T0);
      expect(out).toEqual({ accepted: 6000, duplicates: 0 });
      const [again] = await writeIngestOps(
        handle,
        [{ kind: 'predictions', modelId, rows: rows.slice(0, 10) }],
        T0,
      );
      expect(again).toEqual({ accepted: 0, duplicates: 10 });
    });
  });
}
