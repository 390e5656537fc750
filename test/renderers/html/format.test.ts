import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatNumber,
  formatOperator,
  formatShare,
  formatValue,
} from '../../../src/renderers/html/format.ts';
import { escapeHtml, html, raw } from '../../../src/renderers/html/html.ts';

describe('formatting', () => {
  it('formats statistics with 4 significant digits like the terminal summary', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.312487)).toBe('0.3125');
    expect(formatNumber(1.234567e-8)).toBe('1.235e-8');
    expect(formatNumber(2_500_000)).toBe('2.500e+6');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('formats shares without rounding "some" to none or all', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0.123456)).toBe('12.3%');
    expect(formatShare(0.000001)).toBe('<0.01%');
    expect(formatShare(0.999999)).toBe('>99.99%');
    expect(formatShare(null)).toBe('—');
  });

  it('formats counts, operators and datetime values', () => {
    expect(formatCount(100000)).toBe('100,000');
    expect(formatCount(999)).toBe('999');
    expect(formatOperator('<=')).toBe('≤');
    expect(formatOperator('>=')).toBe('≥');
    expect(formatValue(Date.UTC(2024, 1, 15), 'datetime')).toBe('2024-02-15');
    expect(formatValue(Date.UTC(2024, 1, 15, 12, 30), 'datetime')).toBe('2024-02-15 12:30');
    expect(formatValue(Date.UTC(2024, 1, 15, 12, 30, 5, 250), 'datetime')).toBe('2024-02-15 12:30:05.250');
    expect(formatValue(1.5, 'float')).toBe('1.5');
    expect(formatValue(null, 'datetime')).toBe('—');
  });
});

describe('html template', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolations but not nested templates or raw markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', html`<br>`]}${raw('<hr>')}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b>&lt;<br><hr></p>',
    );
  });

  it('renders nothing for null, undefined and booleans, and numbers as is', () => {
    expect(html`${null}${undefined}${false}${true}${0}${1.5}`.value).toBe('01.5');
  });
});
