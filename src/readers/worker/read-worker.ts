/**
 * Entry point of a reader worker thread: reads the sources it is given and posts the table back
 * (see `read-in-worker.ts`).
 * @module
 */

import { parentPort, workerData } from 'node:worker_threads';
import { type ReadSourcesOptions, readSources, type Source } from '../read-sources.ts';
import { errorToMessage, transferList, type WorkerReply } from './table-message.ts';

export interface WorkerRequest {
  readonly sources: readonly Source[];
  readonly columns?: readonly string[];
  readonly dataset: string;
  readonly progress: boolean;
  readonly prepare?: boolean;
}

const port = parentPort;
if (port) {
  // Started ahead of time (`prewarmReaderWorker`): the request comes as the first message.
  if (workerData) run(port, workerData as WorkerRequest);
  else port.once('message', (request: WorkerRequest) => run(port, request));
}

function run(port: NonNullable<typeof parentPort>, request: WorkerRequest): void {
  const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  const options: ReadSourcesOptions = {
    dataset: request.dataset,
    columns: request.columns,
    onBytes: request.progress ? (bytes) => post({ type: 'progress', bytes }) : undefined,
    prepare: request.prepare,
  };
  readSources(request.sources, options).then(
    (table) => post({ type: 'table', table }, transferList(table)),
    (err: unknown) => post(errorToMessage(err)),
  );
}
