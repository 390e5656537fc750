import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/storage/audit-store.ts';
import { createImplicitVersion, createModel, type Model } from '../../src/storage/models-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { createProject } from '../../src/storage/projects-store.ts';
import {
  aliasHistory,
  createVersion,
  deleteAlias,
  findVersion,
  getReferenceProfileJson,
  listAliases,
  listModelSummaries,
  listVersions,
  setAlias,
  setModelConfig,
  setReference,
  setVersionConfig,
} from '../../src/storage/registry-store.ts';
import { backends } from './backends.ts';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

for (const backend of backends('registry store')) {
  describe(`registry store (${backend.name})`, () => {
    let storage: StorageHandle;
    let cleanup: () => Promise<void>;
    let projectId: string;
    let n = 0;
    /** A fresh model per test, so tests do not depend on each other. */
    async function model(name = `m${n++} <x>/📈`): Promise<Model> {
      return createModel(storage, { projectId, name, actor: 'k1', now: T0 });
    }

    beforeAll(async () => {
      ({ handle: storage, cleanup } = await backend.open());
      const p = await createProject(storage, { name: 'proj', actor: null, now: T0 });
      projectId = p!.id;
    });
    afterAll(() => cleanup());

    it('creates versions with metadata; duplicate name → exists; audit entry written in the same step', async () => {
      const m = await model();
      const r = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v1',
        metadata: {
          contract: { columns: { age: { type: 'num', required: true } } },
          referenceDescription: 'train split 2025-12',
          features: { age: { type: 'num', description: 'years' } },
          fingerprint: 'sha256:abc',
          environment: { python: '3.12', sklearn: '1.5.0' },
          evaluation: { rocAuc: 0.91 },
          validation: { checks: [{ check: 'auc>0.8', status: 'PASS' }] },
          tags: { team: 'risk' },
        },
        actor: 'k1',
        now: T0 + 1,
      });
      expect(r.status).toBe('created');
      if (r.status !== 'created') return;
      expect(r.version).toMatchObject({
        name: 'v1',
        createdAt: T0 + 1,
        createdBy: 'k1',
        contract: { columns: { age: { type: 'num', required: true } } },
        referenceSource: { kind: 'none', description: 'train split 2025-12' },
        hasReferenceProfile: false,
        fingerprint: 'sha256:abc',
        environment: { python: '3.12', sklearn: '1.5.0' },
        evaluation: { rocAuc: 0.91 },
        tags: { team: 'risk' },
        config: null,
      });
      const dup = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v1',
        metadata: {},
        actor: 'k1',
        now: T0 + 2,
      });
      expect(dup.status).toBe('exists');
      const audit = await listAudit(storage.db, projectId, { targetType: 'version', targetId: r.version.id });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'version.create',
        actor: 'k1',
        at: T0 + 1,
        after: { model: m.name, version: 'v1', fingerprint: 'sha256:abc', tags: { team: 'risk' } },
      });
    });

    it('adopts a version that ingestion created implicitly, once', async () => {
      const m = await model();
      const implicit = await createImplicitVersion(storage, m.id, projectId, 'v7', T0);
      const r = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v7',
        metadata: { tags: { a: 'b' } },
        actor: 'k2',
        now: T0 + 5,
      });
      expect(r.status).toBe('adopted');
      if (r.status !== 'adopted') return;
      expect(r.version.id).toBe(implicit.id);
      expect(r.version.createdAt).toBe(T0);
      expect(r.version.createdBy).toBe('k2');
      expect(r.version.tags).toEqual({ a: 'b' });
      const again = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v7',
        metadata: {},
        actor: 'k2',
        now: T0 + 6,
      });
      expect(again.status).toBe('exists');
      const audit = await listAudit(storage.db, projectId, { targetType: 'version', targetId: implicit.id });
      expect(audit.map((a) => a.action)).toEqual(['version.create', 'version.register']);
    });

    it('reference: profile + source stored, fingerprint set only when absent, description kept, audited', async () => {
      const m = await model();
      const c = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v1',
        metadata: { referenceDescription: 'holdout' },
        actor: 'k1',
        now: T0,
      });
      if (c.status !== 'created') throw new Error(c.status);
      const v = await setReference(storage, {
        projectId,
        model: m,
        version: c.version,
        profileJson: '{"format":"driftwatch-profile"}',
        source: {
          kind: 'upload',
          format: 'csv',
          bytes: 10,
          sha256: 'sha256:00',
          rows: 3,
          columns: 2,
          setAt: T0 + 1,
          setBy: 'k1',
        },
        fingerprint: 'sha256:00',
        actor: 'k1',
        now: T0 + 1,
      });
      expect(v.hasReferenceProfile).toBe(true);
      expect(v.fingerprint).toBe('sha256:00');
      expect(v.referenceSource).toMatchObject({ kind: 'upload', description: 'holdout', rows: 3 });
      expect(await getReferenceProfileJson(storage, v.id)).toBe('{"format":"driftwatch-profile"}');
      // A range replaces the profile; the training-data fingerprint stays.
      const r = await setReference(storage, {
        projectId,
        model: m,
        version: v,
        profileJson: null,
        source: { kind: 'range', from: T0 - 86_400_000, to: T0, setAt: T0 + 2, setBy: 'k1' },
        fingerprint: 'sha256:11',
        actor: 'k1',
        now: T0 + 2,
      });
      expect(r.hasReferenceProfile).toBe(false);
      expect(r.fingerprint).toBe('sha256:00');
      expect(r.referenceSource).toEqual({
        kind: 'range',
        from: T0 - 86_400_000,
        to: T0,
        setAt: T0 + 2,
        setBy: 'k1',
        description: 'holdout',
      });
      const audit = await listAudit(storage.db, projectId, { targetType: 'version', targetId: v.id });
      expect(audit.map((a) => a.action)).toEqual([
        'version.create',
        'version.reference.set',
        'version.reference.set',
      ]);
      expect(audit[2]!.before).toMatchObject({ reference: { kind: 'upload' }, hadProfile: true });
      expect(audit[2]!.after).toMatchObject({ reference: { kind: 'range' } });
    });

    it('aliases: move, no-op, rollback, history, name clash, unknown version, delete', async () => {
      const m = await model();
      for (const name of ['v1', 'v2']) {
        await createVersion(storage, { projectId, model: m, name, metadata: {}, actor: 'k1', now: T0 });
      }
      const set = (version: string, now: number, alias = 'production') =>
        setAlias(storage, { projectId, model: m, alias, version, actor: 'k1', now });
      const a = await set('v1', T0 + 1);
      expect(a).toMatchObject({ status: 'moved', before: null, alias: { versionName: 'v1' } });
      expect((await set('v1', T0 + 2)).status).toBe('unchanged');
      expect(await set('v2', T0 + 3)).toMatchObject({ status: 'moved', before: 'v1' });
      expect(await set('v1', T0 + 4)).toMatchObject({ status: 'moved', before: 'v2' }); // rollback
      // an alias resolves to its version
      expect(await set('production', T0 + 5, 'champion')).toMatchObject({
        status: 'moved',
        alias: { versionName: 'v1' },
      });
      expect((await set('v2', T0 + 6, 'v1')).status).toBe('name-conflict');
      expect((await set('v9', T0 + 6)).status).toBe('version-not-found');
      expect((await findVersion(storage.db, m.id, 'production'))?.name).toBe('v1');
      expect((await listAliases(storage.db, m.id)).map((x) => [x.alias, x.versionName])).toEqual([
        ['champion', 'v1'],
        ['production', 'v1'],
      ]);
      expect(
        await deleteAlias(storage, { projectId, model: m, alias: 'champion', actor: 'k1', now: T0 + 7 }),
      ).toBe('v1');
      expect(
        await deleteAlias(storage, { projectId, model: m, alias: 'champion', actor: 'k1', now: T0 + 8 }),
      ).toBeUndefined();
      const history = await aliasHistory(storage, projectId, m.id);
      expect(history.map((h) => [h.alias, h.from, h.to, h.at])).toEqual([
        ['production', null, 'v1', T0 + 1],
        ['production', 'v1', 'v2', T0 + 3],
        ['production', 'v2', 'v1', T0 + 4],
        ['champion', null, 'v1', T0 + 5],
        ['champion', 'v1', null, T0 + 7],
      ]);
      // A version may not take an alias's name.
      const clash = await createVersion(storage, {
        projectId,
        model: m,
        name: 'production',
        metadata: {},
        actor: 'k1',
        now: T0,
      });
      expect(clash.status).toBe('alias-conflict');
    });

    it('concurrent alias moves: each audit entry’s before is the previous entry’s after', async () => {
      const m = await model();
      const names = ['v1', 'v2', 'v3', 'v4'];
      for (const name of names) {
        await createVersion(storage, { projectId, model: m, name, metadata: {}, actor: 'k1', now: T0 });
      }
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          setAlias(storage, {
            projectId,
            model: m,
            alias: 'canary',
            version: names[i % names.length]!,
            actor: 'k1',
            now: T0 + i,
          }),
        ),
      );
      const history = await aliasHistory(storage, projectId, m.id);
      expect(history.length).toBeGreaterThan(1);
      for (let i = 1; i < history.length; i++) expect(history[i]!.from).toBe(history[i - 1]!.to);
      const [current] = await listAliases(storage.db, m.id);
      expect(current!.versionName).toBe(history.at(-1)!.to);
    });

    it('config: model and version levels replace and audit before/after', async () => {
      const m = await model();
      const c = await createVersion(storage, {
        projectId,
        model: m,
        name: 'v1',
        metadata: {},
        actor: 'k1',
        now: T0,
      });
      if (c.status !== 'created') throw new Error(c.status);
      expect(
        await setModelConfig(storage, {
          projectId,
          model: m,
          config: { drift: { driftShare: 0.3 } },
          actor: 'k1',
          now: T0,
        }),
      ).toBeNull();
      expect(
        await setModelConfig(storage, {
          projectId,
          model: m,
          config: { windows: ['1d'] },
          actor: 'k1',
          now: T0 + 1,
        }),
      ).toEqual({ drift: { driftShare: 0.3 } });
      await setVersionConfig(storage, {
        projectId,
        model: m,
        version: c.version,
        config: { drift: { method: 'psi' } },
        actor: 'k1',
        now: T0 + 2,
      });
      expect((await findVersion(storage.db, m.id, 'v1'))!.config).toEqual({ drift: { method: 'psi' } });
      const modelAudit = await listAudit(storage.db, projectId, { targetType: 'model', targetId: m.id });
      expect(modelAudit.map((a) => [a.action, a.before, a.after])).toEqual([
        ['model.create', null, { name: m.name, schema: null }],
        [
          'model.config.set',
          { model: m.name, config: null },
          { model: m.name, config: { drift: { driftShare: 0.3 } } },
        ],
        [
          'model.config.set',
          { model: m.name, config: { drift: { driftShare: 0.3 } } },
          { model: m.name, config: { windows: ['1d'] } },
        ],
      ]);
      const vAudit = await listAudit(storage.db, projectId, {
        targetType: 'version',
        targetId: c.version.id,
      });
      expect(vAudit.at(-1)).toMatchObject({
        action: 'version.config.set',
        before: { config: null },
        after: { config: { drift: { method: 'psi' } } },
      });
    });

    it('model summaries: version count, aliases, newest record time and label lag', async () => {
      const p = await createProject(storage, { name: 'summaries', actor: null, now: T0 });
      const pid = p!.id;
      const a = await createModel(storage, { projectId: pid, name: 'b-model', actor: null, now: T0 });
      const b = await createModel(storage, { projectId: pid, name: 'a-model', actor: null, now: T0 });
      for (const [i, name] of ['v1', 'v2'].entries()) {
        await createVersion(storage, {
          projectId: pid,
          model: a,
          name,
          metadata: {},
          actor: null,
          now: T0 + i,
        });
      }
      await setAlias(storage, {
        projectId: pid,
        model: a,
        alias: 'production',
        version: 'v2',
        actor: null,
        now: T0,
      });
      const v = await findVersion(storage.db, a.id, 'v2');
      const rec = (id: string, ts: number) => ({
        model_id: a.id,
        record_id: id,
        version_id: v!.id,
        ts,
        received_at: ts,
        features_json: '{}',
        prediction_json: null,
        score: null,
        scores_json: null,
        segments_json: null,
        latency_ms: null,
        error: null,
      });
      await storage.db
        .insertInto('records')
        .values([rec('r1', T0 - 5000), rec('r2', T0 - 1000), rec('r3', T0 - 3000)])
        .execute();
      await storage.db
        .insertInto('labels')
        .values([
          { model_id: a.id, record_id: 'r1', target_json: '1', ts: T0, received_at: T0 + 5000 }, // lag 10 s
          { model_id: a.id, record_id: 'r2', target_json: '0', ts: T0, received_at: T0 + 1000 }, // lag 2 s
          { model_id: a.id, record_id: 'zz', target_json: '0', ts: T0, received_at: T0 }, // no record: ignored
        ])
        .execute();
      const list = await listModelSummaries(storage, pid, { now: T0 + 10_000 });
      expect(list.map((s) => s.model.name)).toEqual(['a-model', 'b-model']);
      expect(list[0]).toMatchObject({ versionsCount: 0, aliases: {}, lastRecordAt: null, labelLagMs: null });
      expect(list[1]).toMatchObject({
        versionsCount: 2,
        aliases: { production: 'v2' },
        lastRecordAt: T0 - 1000,
        labelLagMs: 6000,
      });
      expect(typeof list[1]!.lastRecordAt).toBe('number');
      // labels older than the window do not count
      const later = await listModelSummaries(storage, pid, { now: T0 + 2 * 86_400_000 });
      expect(later[1]!.labelLagMs).toBeNull();
      expect(b.id).not.toBe(a.id);
      expect((await listVersions(storage, a.id)).map((x) => x.name)).toEqual(['v1', 'v2']);
    });
  });
}
