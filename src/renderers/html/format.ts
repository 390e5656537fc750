/**
 * Number formatting for the HTML report. Same rules as the terminal summary (4 significant digits,
 * exponent outside [1e-4, 1e6)), duplicated here so the renderer has no `node:` imports and the
 * dashboard can reuse it in a browser.
 * @module
 */

/** A statistic or value: `—` for null/NaN, 4 significant digits. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}

/** An integer count with thousands separators: 100000 → `100,000`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A share in [0, 1] as a percentage with 3 significant digits. Never rounds a non-zero share to
 * `0%` or a share below 1 to `100%`, so "a few" and "none"/"all" stay distinguishable.
 */
export function formatShare(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x === 0) return '0%';
  if (x === 1) return '100%';
  const p = x * 100;
  if (p < 0.01) return '<0.01%';
  if (p > 99.99 && p < 100) return '>99.99%';
  return `${Number(p.toPrecision(3))}%`;
}

/** A column value: datetime columns hold epoch milliseconds (UTC) and print as UTC dates. */
export function formatValue(x: number | null, dtype: string): string {
  if (x === null || !Number.isFinite(x) || dtype !== 'datetime') return formatNumber(x);
  const iso = new Date(x).toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  // Compact but unambiguous (UTC): `2023-07-02 12:00`, seconds only when present.
  const time = iso.slice(11, 19).replace(/:00$/, '');
  const ms = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${time}${ms === '.000' ? '' : ms}`;
}

/** Drift operators as mathematical symbols. */
export function formatOperator(op: '<' | '<=' | '>=' | '>'): string {
  return op === '<=' ? '≤' : op === '>=' ? '≥' : op;
}

/** SVG coordinates: one decimal is plenty and keeps the file small. */
export function coord(x: number): number {
  return Math.round(x * 10) / 10;
}
