import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/readers/progress-bar.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) } };
}

describe('createProgressBar', () => {
  it('stays silent for the first second, then draws, throttles, and clears its line', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const bar = createProgressBar({ label: 'reading', stream, now: () => now });
    bar.update(10e6, 100e6);
    now = 999;
    bar.update(20e6, 100e6);
    expect(writes).toEqual([]);
    now = 1000;
    bar.update(25e6, 100e6);
    now = 1050;
    bar.update(30e6, 100e6); // throttled (< 100 ms)
    now = 1200;
    bar.update(50e6, 100e6);
    expect(writes).toEqual([
      '\rreading [##########------------------------------]  25% 25/100 MB',
      '\rreading [####################--------------------]  50% 50/100 MB',
    ]);
    bar.done();
    bar.done();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(writes.length).toBe(3);
  });

  it('accepts a plain label', () => {
    expect(() => createProgressBar('reading').done()).not.toThrow();
  });

  it('draws nothing when stderr is not a terminal, or when the work was quick', () => {
    let now = 0;
    const pipe = fakeStream(false);
    const a = createProgressBar({ stream: pipe.stream, now: () => now });
    now = 5000;
    a.update(1, 2);
    a.done();
    expect(pipe.writes).toEqual([]);
    const tty = fakeStream(true);
    const b = createProgressBar({ label: 'quick', stream: tty.stream, now: () => now });
    b.done();
    expect(tty.writes).toEqual([]);
  });
});
