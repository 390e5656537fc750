/** The terminal summary: the per-class table of a multiclass model (reference vs current), plain unless asked. */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../src/core/report/result-schema.ts';
import { MAX_TERMINAL_CLASSES, renderTerminal } from '../../src/renderers/terminal.ts';
import { loadModelFixture, loadVariant } from './html/load-model-fixtures.ts';

/** The lines of the per-class table: from its header to the first blank line. */
function perClassLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^ {2}class +side +precision/.test(l));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

function withClasses(result: ReportResult, count: number): ReportResult {
  const labels = Array.from({ length: count }, (_, i) => `class_${i}`);
  const byClass = Object.fromEntries(
    labels.map((l, i) => [l, { precision: 0.5, recall: 0.25, f1: 1 / 3, rocAuc: null, support: i }]),
  );
  const metrics = {
    ...(result.quality.current.metrics as Record<string, unknown>),
    confusionMatrix: { labels, matrix: [] },
    byClass,
  };
  return {
    ...result,
    quality: {
      ...result.quality,
      reference: { ...result.quality.reference, metrics: null },
      current: { ...result.quality.current, metrics },
    },
  } as ReportResult;
}

describe('renderTerminal: per-class metrics of a multiclass model', () => {
  const multiclass = loadVariant('multiclass');

  it('lists every class with its reference and current precision, recall, F1, ROC AUC and support', () => {
    const lines = perClassLines(renderTerminal(multiclass));
    expect(lines).toEqual([
      '  class  side       precision  recall      f1  rocAuc  support',
      '  a      reference          1       1       1       1      986',
      '         current       0.9453  0.9482  0.9468  0.9883      985',
      '  b      reference          1       1       1       1     1013',
      '         current       0.9491  0.9436  0.9463  0.9908     1028',
      '  c      reference          1       1       1       1     1001',
      '         current       0.9434  0.9463  0.9449  0.9868      987',
    ]);
  });

  it('ends the model-quality block, after the headline metrics and the worst segments', () => {
    const text = renderTerminal(multiclass);
    const headline = text.indexOf('model quality (multiclass)');
    const table = text.indexOf('  class  side');
    expect(headline).toBeGreaterThan(0);
    expect(table).toBeGreaterThan(headline);
    expect(text.slice(headline, table)).toContain('  logLoss');
    expect(text.slice(headline, table)).toContain('  worst segment: region = south');
    expect(text.slice(table)).not.toContain('worst segment');
  });

  it('has no colour codes unless colours are asked for', () => {
    const plain = renderTerminal(multiclass);
    expect(plain.includes('\u001b[')).toBe(false);
    // With colours (styleText, which Node leaves out when the output is not a terminal) the text is the same.
    const coloured = stripVTControlCharacters(renderTerminal(multiclass, { color: true }));
    expect(perClassLines(coloured)).toEqual(perClassLines(plain));
  });

  it('shows only the side that has labels, leaves out an all-null ROC AUC and caps the class list', () => {
    const many = withClasses(multiclass, MAX_TERMINAL_CLASSES + 3);
    const text = renderTerminal(many);
    const lines = perClassLines(text);
    expect(lines[0]).toBe('  class     side     precision  recall      f1  support');
    expect(lines).toHaveLength(1 + MAX_TERMINAL_CLASSES + 1);
    expect(lines[1]).toBe('  class_0   current        0.5    0.25  0.3333        0');
    expect(lines[MAX_TERMINAL_CLASSES]).toMatch(/^ {2}class_19 +current/);
    expect(lines.at(-1)).toBe('  … and 3 more classes (see --json)');
    expect(lines.some((l) => l.includes('reference'))).toBe(false);
  });

  it('prints "—" for a metric that is undefined (NaN or missing)', () => {
    const result = structuredClone(multiclass);
    const by = (result.quality.current.metrics as { byClass: Record<string, Record<string, unknown>> })
      .byClass;
    by.a!.precision = Number.NaN;
    delete by.b!.rocAuc;
    const lines = perClassLines(renderTerminal(result));
    expect(lines[2]).toBe('         current            —  0.9482  0.9468  0.9883      985');
    expect(lines[4]).toBe('         current       0.9491  0.9436  0.9463       —     1028');
  });

  it('is absent for a binary model', () => {
    const text = renderTerminal(loadModelFixture());
    expect(text).toContain('model quality (binary)');
    expect(perClassLines(text)).toEqual([]);
  });
});
