import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import { databaseName, type NameInfo } from './clam-file-check';

/**
 * What the user pointed at, turned into the database files to import: a
 * file is taken as it is (and refused when its name is not a ClamAV
 * database's); a folder — a USB stick prepared with freshclam or cvdupdate —
 * gives its top-level database files, and everything else in it (freshclam.dat,
 * .cdiff patches, subfolders, links) is left alone and listed as ignored.
 */

export interface ChosenFile {
  path: string;
  name: string;
  info: NameInfo;
}

export interface ChosenInputs {
  files: ChosenFile[];
  /** Names in the given folders that are not taken. */
  ignored: string[];
}

export function chooseInputs(paths: readonly string[]): ChosenInputs {
  const files: ChosenFile[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  const take = (file: string, name: string, info: NameInfo) => {
    const resolved = path.resolve(file);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    files.push({ path: resolved, name, info });
  };
  for (const given of paths) {
    const stat = fs.statSync(given, { throwIfNoEntry: false });
    if (!stat) throw new HoanError('validation', 'definitions.errors.pathMissing', { path: given });
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(given, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const info = entry.isFile() ? databaseName(entry.name) : null;
        if (info) take(path.join(given, entry.name), entry.name, info);
        else ignored.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
      }
      continue;
    }
    const name = path.basename(given);
    const info = stat.isFile() ? databaseName(name) : null;
    if (!info) throw new HoanError('validation', 'definitions.errors.notClamDatabase', { name });
    take(given, name, info);
  }
  if (files.length === 0) throw new HoanError('validation', 'definitions.errors.noDatabaseFiles', { path: paths.join(', ') });
  // daily.cvd and daily.cld on one medium: clamscan would load both and Hoan could not say which version is in use.
  const byDatabase = new Map<string, string[]>();
  for (const f of files) byDatabase.set(f.info.database, [...(byDatabase.get(f.info.database) ?? []), f.name]);
  const twice = [...byDatabase.values()].find((names) => names.length > 1);
  if (twice) throw new HoanError('validation', 'definitions.errors.duplicateDatabase', { names: twice.join(', ') });
  return { files, ignored };
}
