/**
 * "Did you mean …?" suggestions for suite files and metric paths.
 * @module
 */

/**
 * The candidate closest to `word` by case-insensitive Levenshtein distance, if it is a plausible typo:
 * a case-insensitive exact match, or at most `maxDistance` edits (default 2) and fewer edits than the
 * shorter of the two words has characters (so `x` does not suggest `id`). Ties go to the earlier candidate.
 */
export function closestMatch(
  word: string,
  candidates: Iterable<string>,
  maxDistance = 2,
): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === lower) return candidate;
    const d = editDistance(lower, c);
    if (d < bestDistance && d < Math.min(lower.length, c.length)) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** Levenshtein distance, two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** `a, b, c` or `a, b, c, … (12 in all)` when there are more than `max` (default 10). */
export function listSome(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … (${items.length} in all)`;
}
