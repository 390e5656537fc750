/**
 * Run `readSources` on a worker thread, so that reading the reference and the current dataset
 * (two `readDataset` calls awaited together) uses two cores instead of taking turns on one.
 *
 * The worker script is the compiled `read-worker.js` next to this module. When running from the
 * TypeScript sources (tests, `tsx`), the worker loads `read-worker.ts` through tsx's loader.
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Table } from '../../core/table/column.ts';
import type { ReadSourcesOptions, Source } from '../read-sources.ts';
import type { WorkerRequest } from './read-worker.ts';
import { errorFromMessage, tableFromMessage, type WorkerReply } from './table-message.ts';

/** True when this module runs from TypeScript sources rather than the compiled package. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * From sources, a tiny bootstrap registers tsx's ESM loader inside the worker and then imports
 * `read-worker.ts` (`--import tsx` in `execArgv` is not honoured by Node 20 workers).
 */
function sourceWorker(workerData: WorkerRequest): Worker {
  // The ESM entry of `tsx/esm/api` (require.resolve would give the CommonJS one).
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const tsxApi = pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
  const entry = new URL('./read-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function compiledWorker(workerData: WorkerRequest | null): Worker {
  return new Worker(new URL('./read-worker.js', import.meta.url), {
    workerData,
    // The compiled worker needs no flags, and inheriting the parent's would break it: `--input-type`
    // (node -e) and V8 flags such as `--max-semi-space-size` are rejected with ERR_WORKER_INVALID_EXEC_ARGV.
    execArgv: [],
  });
}

/** A worker started ahead of time (see `prewarmReaderWorker`), waiting for its request. */
let prewarmed: Worker | null = null;

/**
 * Starts a reader worker now, so its start-up (~100 ms: a thread, a V8 isolate, module loading)
 * overlaps the CLI's own start-up instead of delaying the second dataset. The next
 * `readSourcesInWorker` takes it; unused, it does not keep the process alive. Compiled package only.
 */
export function prewarmReaderWorker(): void {
  if (RUNNING_FROM_SOURCE || prewarmed) return;
  try {
    prewarmed = compiledWorker(null);
    prewarmed.unref();
  } catch {
    // A worker that cannot start now will not start later either: readers then stay on this thread.
    prewarmed = null;
  }
}

export function readSourcesInWorker(sources: readonly Source[], options: ReadSourcesOptions): Promise<Table> {
  const request: WorkerRequest = {
    sources,
    columns: options.columns,
    dataset: options.dataset,
    progress: options.onBytes !== undefined,
    prepare: options.prepare,
  };
  let worker: Worker;
  if (prewarmed) {
    worker = prewarmed;
    prewarmed = null;
    worker.ref();
    worker.postMessage(request);
  } else {
    worker = RUNNING_FROM_SOURCE ? sourceWorker(request) : compiledWorker(request);
  }
  return new Promise<Table>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') options.onBytes?.(reply.bytes);
      else if (reply.type === 'table') settle(() => resolve(tableFromMessage(reply.table)));
      else settle(() => reject(errorFromMessage(reply)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`reader worker exited with code ${code}`))));
  });
}
