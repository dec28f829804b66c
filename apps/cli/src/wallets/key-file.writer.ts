import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const NEW_PRIVATE_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Writes `text` to `path` as a new mode-0600 file: first to a fresh temporary file beside it
 * (O_EXCL, never through a symlink), then moved into place. `replace` renames over whatever is at
 * `path` (a symlink is replaced, its target untouched); otherwise an existing `path` fails with
 * EEXIST (`link` does not follow a symlink either). Throws the fs error.
 */
export function writePrivateFile(path: string, text: string, replace: boolean): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, NEW_PRIVATE_FILE, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  let renamed = false;
  try {
    if (replace) renameSync(temporary, path);
    else linkSync(temporary, path);
    renamed = replace;
  } finally {
    if (!renamed) unlinkSync(temporary);
  }
}
