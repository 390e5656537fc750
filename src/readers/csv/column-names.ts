/**
 * Column names from a CSV header the way pandas names them: an empty name becomes `Unnamed: <i>`
 * (0-based position) and a repeated name gets `.1`, `.2`, ... (pandas' `mangle_dupe_cols`).
 * Names are otherwise kept verbatim (no trimming).
 * @module
 */

export function columnNamesFromHeader(fields: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const used = new Set(fields);
  return fields.map((raw, i) => {
    const name = raw === '' ? `Unnamed: ${i}` : raw;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count === 0) return name;
    // Like pandas, skip suffixes that would collide with a name already in the header.
    let k = count;
    while (used.has(`${name}.${k}`)) k++;
    seen.set(name, k + 1);
    const mangled = `${name}.${k}`;
    used.add(mangled);
    return mangled;
  });
}
