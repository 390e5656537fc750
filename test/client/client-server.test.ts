/**
 * The TypeScript client against a real server (startServer on port 0, in-memory SQLite): batches arrive, labels
 * and feedback join their prediction, re-sent ids are duplicates, gzip bodies are accepted, and the query helpers
 * read back what was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, DriftwatchApiError } from '../../src/client/index.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';

let server: RunningServer;
let ingestKey: string;
let readKey: string;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.firstStartKey}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as { key: string } & Record<string, unknown> };
}

beforeAll(async () => {
  server = await startServer({ port: 0, memory: true });
  expect((await api('POST', '/v1/projects', { name: 'shop' })).status).toBe(201);
  ingestKey = (await api('POST', '/v1/projects/shop/keys', { scopes: ['ingest', 'read'] })).body.key;
  readKey = (await api('POST', '/v1/projects/shop/keys', { scopes: ['read'] })).body.key;
});
afterAll(async () => {
  await server?.close();
});

describe('client ↔ server', () => {
  it('sends predictions in batches, then labels and feedback that join them', async () => {
    const errors: Error[] = [];
    const dw = createClient({
      url: server.url,
      key: ingestKey,
      project: 'shop',
      model: 'churn',
      batchSize: 500,
      flushIntervalMs: 50,
      onError: (e) => errors.push(e),
    });
    const ids: string[] = [];
    for (let i = 0; i < 1234; i++) {
      ids.push(
        dw.logPrediction({
          features: { age: 20 + (i % 50), plan: i % 3 === 0 ? 'pro' : 'basic' },
          prediction: i % 2,
          score: (i % 100) / 100,
          latencyMs: 3,
        }),
      );
    }
    expect(new Set(ids).size).toBe(1234);
    const r1 = await dw.flush();
    dw.logLabel({ id: ids[0]!, target: 1 });
    dw.logFeedback({
      recordId: ids[1]!,
      kind: 'correction',
      value: 0,
      comment: 'not churned',
      author: 'ops',
    });
    await dw.close();
    expect(errors).toEqual([]);
    expect(dw.stats.accepted).toBe(1236); // 1234 predictions, 1 label, 1 feedback
    expect(dw.stats).toMatchObject({ failed: 0, rejected: 0, dropped: 0, duplicates: 0 });
    expect(r1.failed).toBe(0);

    const reader = createClient({ url: server.url, key: readKey, project: 'shop', model: 'churn' });
    const rec = (await reader.record(ids[0]!)) as { id: string; label: { target: unknown } | null };
    expect(rec.id).toBe(ids[0]);
    expect(rec.label?.target).toBe(1);
    const fb = (await reader.record(ids[1]!)) as { feedback: { kind: string; comment: string }[] };
    expect(fb.feedback).toEqual([expect.objectContaining({ kind: 'correction', comment: 'not churned' })]);
    const models = (await reader.models()) as { models: { name: string }[] };
    expect(models.models.map((m) => m.name)).toContain('churn');
    await expect(reader.record('no-such-id')).rejects.toBeInstanceOf(DriftwatchApiError);
    await reader.close();
  });

  it('re-sent ids are counted as duplicates (idempotent retries); gzip works', async () => {
    const dw = createClient({
      url: server.url,
      key: ingestKey,
      project: 'shop',
      model: 'idem',
      flushIntervalMs: 0,
      gzip: true,
    });
    const records = Array.from({ length: 20 }, (_, i) => ({ id: `fixed-${i}`, features: { x: i } }));
    for (const r of records) dw.logPrediction(r);
    expect(await dw.flush()).toMatchObject({ accepted: 20, duplicates: 0, failed: 0 });
    for (const r of records) dw.logPrediction(r);
    expect(await dw.flush()).toMatchObject({ accepted: 0, duplicates: 20, failed: 0 });
    await dw.close();
  });

  it('a key without `ingest` fails without retries and reports it', async () => {
    const errors: Error[] = [];
    const sleeps: number[] = [];
    const dw = createClient({
      url: server.url,
      key: readKey,
      project: 'shop',
      model: 'churn',
      flushIntervalMs: 0,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onError: (e) => errors.push(e),
    });
    dw.logPrediction({ features: { x: 1 } });
    expect(await dw.close()).toMatchObject({ failed: 1 });
    expect(sleeps).toEqual([]);
    expect(errors[0]).toMatchObject({ status: 403, code: 'DW_FORBIDDEN' });
  });

  it('retries while the server is unreachable, then gives up', async () => {
    const sleeps: number[] = [];
    const errors: Error[] = [];
    const dw = createClient({
      url: 'http://127.0.0.1:9', // discard port: connection refused
      key: ingestKey,
      project: 'shop',
      model: 'churn',
      flushIntervalMs: 0,
      maxRetries: 2,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onError: (e) => errors.push(e),
    });
    dw.logPrediction({});
    expect(await dw.close()).toMatchObject({ failed: 1 });
    expect(sleeps).toEqual([125, 250]);
    expect(errors[0]).toMatchObject({ status: 0, code: 'DW_CLIENT_NETWORK' });
  });
});
