/**
 * A tiny stderr progress bar for long reads: silent unless the stream is a TTY and the work has
 * already taken longer than `delayMs`; clears its line when done. No dependency.
 *
 * ```ts
 * const bar = createProgressBar({ label: 'reading reference' });
 * const ref = await readDataset('ref/*.parquet', { onProgress: bar.update });
 * bar.done();
 * ```
 * @module
 */

/** The part of a `tty.WriteStream` the bar needs. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  /** Text before the bar. Default `'reading'`. */
  readonly label?: string;
  /** Where to draw. Default `process.stderr`. */
  readonly stream?: ProgressStream;
  /** Draw nothing until this much time has passed since creation. Default 1000 ms. */
  readonly delayMs?: number;
  /** Minimum time between redraws. Default 100 ms. */
  readonly intervalMs?: number;
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number;
}

export interface ProgressBar {
  /** Report progress (an `onProgress` callback: bytes read so far, total bytes). */
  readonly update: (done: number, total: number) => void;
  /** Finish: clear the line if anything was drawn. Idempotent. */
  readonly done: () => void;
}

function formatMegabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}

/** Create a progress bar (see module doc); a string argument is the label. */
export function createProgressBar(labelOrOptions: string | ProgressBarOptions = {}): ProgressBar {
  const options = typeof labelOrOptions === 'string' ? { label: labelOrOptions } : labelOrOptions;
  const stream = options.stream ?? process.stderr;
  const label = options.label ?? 'reading';
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? (() => performance.now());
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;
  const enabled = stream.isTTY === true;

  const update = (done: number, total: number): void => {
    if (!enabled || finished) return;
    const t = now();
    if (t - start < delayMs || t - lastDraw < intervalMs) return;
    lastDraw = t;
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const filled = Math.round(fraction * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const pct = `${Math.floor(fraction * 100)}`.padStart(3);
    const text = `${label} [${bar}] ${pct}% ${formatMegabytes(done)}/${formatMegabytes(total)} MB`;
    stream.write(`\r${text.slice(0, Math.max(1, (stream.columns ?? 80) - 1))}`);
    drawn = true;
  };

  const done = (): void => {
    if (finished) return;
    finished = true;
    if (drawn) stream.write('\r\x1b[2K');
  };

  return Object.freeze({ update, done });
}
