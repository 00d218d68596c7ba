import fs from 'node:fs';

/**
 * The data folder holds the site's records and the installation's private
 * key: only its owner may open it. Modes are set explicitly, never left to
 * the umask (a shared workstation may run with umask 000 or 002).
 *
 * On Windows these bits mean little (Node maps them to the read-only flag);
 * the data folder lives in the user's profile, whose ACL already keeps other
 * users out, so chmod there is harmless and nothing more is attempted.
 */
export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

function chmodOwnFile(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode);
  } catch (err) {
    // Someone else's file (a folder shared on purpose, a file made by root) keeps its mode;
    // a missing one has nothing to protect.
    if (!['EPERM', 'ENOENT'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
}

/** Creates `dir` (and missing parents) owner-only, and narrows it if it exists. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  chmodOwnFile(dir, OWNER_ONLY_DIR);
}

/** Creates `file` empty and owner-only where it is missing (for a library that opens it by name); an existing file is left as it is. */
export function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', OWNER_ONLY_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    fs.fchmodSync(fd, OWNER_ONLY_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Narrows files another library created (SQLite's -wal and -shm), where they exist. */
export function restrictFiles(...files: string[]): void {
  for (const file of files) chmodOwnFile(file, OWNER_ONLY_FILE);
}
