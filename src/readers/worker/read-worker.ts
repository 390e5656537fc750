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
  const request = workerData as WorkerRequest;
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
