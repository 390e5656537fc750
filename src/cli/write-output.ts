/**
 * Atomic output files: written to a temporary name next to the target and renamed, so a failed
 * run never leaves a half-written report behind.
 * @module
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.ts';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new InputError('DW_OUTPUT_UNWRITABLE', `cannot write ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
