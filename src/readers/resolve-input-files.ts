/**
 * Turn a path, a directory or a glob into the sorted list of files that form one dataset.
 *
 * - an existing file: itself;
 * - an existing directory: its files (not recursive, hidden `.`/`_` files ignored, as Spark and
 *   pyarrow do) with a known extension — or with the extension of `format` if given — sorted by name;
 * - otherwise, a pattern with glob syntax (`*`, `?`, `[...]`, `{a,b}`, `**`): matched with tinyglobby,
 *   sorted by path. Paths keep the style of the input (absolute stays absolute).
 * @module
 */

import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { emptyGlob, inputNotFound, inputUnreadable } from './input-errors.ts';
import { FORMAT_EXTENSIONS, formatFromPath, type InputFormat } from './input-format.ts';

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasExtensionOf(name: string, format: InputFormat | undefined): boolean {
  if (format === undefined) return formatFromPath(name) !== undefined;
  const lower = name.toLowerCase();
  return FORMAT_EXTENSIONS[format].some((ext) => lower.endsWith(ext));
}

export async function resolveInputFiles(pathOrGlob: string, format?: InputFormat): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    info = await stat(pathOrGlob);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw inputUnreadable(pathOrGlob, err);
  }
  if (info?.isFile()) return [pathOrGlob];
  if (info?.isDirectory()) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(pathOrGlob, { withFileTypes: true });
    } catch (err) {
      throw inputUnreadable(pathOrGlob, err);
    }
    const files = entries
      .filter(
        (e) => (e.isFile() || e.isSymbolicLink()) && !/^[._]/.test(e.name) && hasExtensionOf(e.name, format),
      )
      .map((e) => e.name)
      .sort(byName)
      .map((name) => join(pathOrGlob, name));
    if (files.length === 0) {
      const exts = format ? FORMAT_EXTENSIONS[format] : Object.values(FORMAT_EXTENSIONS).flat();
      throw emptyGlob(pathOrGlob, `directory has no ${exts.join(', ')} files`);
    }
    return files;
  }
  if (info) throw inputUnreadable(pathOrGlob, new Error('not a regular file or directory'));
  const { glob, isDynamicPattern } = await import('tinyglobby');
  if (!isDynamicPattern(pathOrGlob)) throw inputNotFound(pathOrGlob);
  const files = await glob(pathOrGlob, {
    onlyFiles: true,
    expandDirectories: false,
    absolute: isAbsolute(pathOrGlob),
  });
  if (files.length === 0) throw emptyGlob(pathOrGlob);
  return files.sort(byName);
}
