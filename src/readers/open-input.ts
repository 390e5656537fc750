/**
 * Open an input file for reading, turning fs errors into `InputError`s that name the file.
 * @module
 */

import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { inputNotFound, inputUnreadable } from './input-errors.ts';

export async function openInput(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' || code === 'ENOTDIR' ? inputNotFound(path, err) : inputUnreadable(path, err);
  }
}
