import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DefinitionSet } from '../media-types';
import { commandLine, runProgram } from './run-program';

/**
 * What a ClamAV signature database holds, read without loading it.
 *
 * Official databases come as containers (.cvd signed, .cld updated locally,
 * .cud unsigned). Each starts with a 512-byte ASCII header, colon-separated
 * and padded with spaces:
 *
 *   ClamAV-VDB:<build time text>:<version>:<signatures>:<functionality level>:<md5>:<digital signature>:<builder>:<build time, Unix seconds>
 *
 * Hoan reads the version, signature count and build time from that header
 * (a fixed 512-byte text, so no parser library is needed), and asks ClamAV's
 * own `sigtool --info=<file>` whether the container verifies: it exits
 * non-zero when the checksums or signature fail, which is when clamscan
 * would refuse to load it. Plain signature files (.hdb, .ndb, …) have no
 * header; their modification time stands for their age, and nothing checks
 * their lines until a scan loads them.
 */

/**
 * Extensions clamscan loads from a database folder (libclamav's CLI_DBEXT),
 * less those that hold no detection signatures: .fp/.sfp/.ign/.ign2 allow
 * and ignore, .cfg/.ftm/.cat/.pwdb configure the engine.
 */
export const SIGNATURE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.cvd', '.cld', '.cud',
  '.db', '.hdb', '.hdu', '.mdb', '.mdu', '.hsb', '.hsu', '.msb', '.msu', '.ndb', '.ndu', '.ldb', '.ldu',
  '.sdb', '.zmd', '.rmd', '.pdb', '.gdb', '.wdb', '.cbc', '.cdb', '.crb', '.idb', '.ioc', '.yar', '.yara', '.imp',
]);
export const CONTAINERS: ReadonlySet<string> = new Set(['.cvd', '.cld', '.cud']);
const SIGTOOL_TIMEOUT_MS = 120_000;

export interface CvdHeader {
  version: string;
  signatures: number | null;
  builtAt: string | null;
  /** The lowest engine functionality level the database needs (libclamav's cl_retflevel()). */
  functionalityLevel: number | null;
  /** MD5 of everything after the header, as the builder wrote it (`X` or absent: none). */
  md5: string | null;
}

export const CVD_HEADER_BYTES = 512;
export const CVD_MAGIC = 'ClamAV-VDB:';

export function parseCvdHeader(head: string): CvdHeader | null {
  const parts = head.split(':');
  if (parts[0] !== 'ClamAV-VDB' || !parts[2] || !/^\d+$/.test(parts[2])) return null;
  const number = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);
  const stime = (parts[8] ?? '').trim();
  const md5 = parts[5] && /^[0-9a-f]{32}$/i.test(parts[5]) ? parts[5].toLowerCase() : null;
  return {
    version: parts[2],
    signatures: number(parts[3]),
    builtAt: /^\d+$/.test(stime) ? new Date(Number(stime) * 1000).toISOString() : null,
    functionalityLevel: number(parts[4]),
    md5,
  };
}

export function readCvdHeader(file: string): CvdHeader | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(CVD_HEADER_BYTES);
      const n = fs.readSync(fd, head, 0, CVD_HEADER_BYTES, 0);
      return parseCvdHeader(head.subarray(0, n).toString('latin1'));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

const isSignatureFile = (name: string) => SIGNATURE_EXTENSIONS.has(path.extname(name).toLowerCase());

/**
 * What the configured database is, for the 定義バージョン column: the versions
 * of official databases in a folder, else the signature files it holds, or a
 * custom signature file named with the start of its sha256 (so two different
 * files never look the same). A folder without signatures has no version.
 */
export function describeClamDatabase(databasePath: string): string | null {
  if (!databasePath) return null;
  try {
    const stat = fs.statSync(databasePath);
    if (stat.isDirectory()) {
      const versions = ['daily', 'main', 'bytecode'].flatMap((name) => {
        for (const ext of ['.cld', '.cvd', '.cud']) {
          const v = readCvdHeader(path.join(databasePath, name + ext))?.version;
          if (v) return [`${name} ${v}`];
        }
        return [];
      });
      if (versions.length > 0) return versions.join(', ');
      const files = fs.readdirSync(databasePath).filter(isSignatureFile).sort();
      return files.length > 0 ? files.slice(0, 5).join(', ') + (files.length > 5 ? ', …' : '') : null;
    }
    const digest = createHash('sha256').update(fs.readFileSync(databasePath)).digest('hex');
    return `${path.basename(databasePath)} sha256:${digest.slice(0, 12)}`;
  } catch {
    return null;
  }
}

/** Where clamscan looks when no database is given: compiled in on Linux, beside the program on Windows. */
export function defaultClamDatabase(platform: NodeJS.Platform, executable: string): string {
  if (platform === 'win32') return path.win32.join(path.win32.dirname(executable), 'database');
  return '/var/lib/clamav';
}

/** sigtool ships beside clamscan; a bare `clamscan` means both are on PATH. */
export function sigtoolBeside(executable: string, platform: NodeJS.Platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const name = platform === 'win32' ? 'sigtool.exe' : 'sigtool';
  return p.isAbsolute(executable) ? p.join(p.dirname(executable), name) : name;
}

export interface Verification {
  verified: boolean | null;
  /** What sigtool printed on stdout (`Verification OK.` for a signed container whose signature holds). */
  stdout: string;
  log: string;
}

// Verifying reads the whole container (main.cvd is over 100 MB); an unchanged file need not be read twice.
const verifications = new Map<string, Verification>();
const MAX_REMEMBERED = 64;

/** `sigtool --info=<file>`: exit 0 when the header, checksums and (for .cvd/.cld) the digital signature hold. */
export async function verifyWithSigtool(sigtool: string, file: string, stat: fs.Stats): Promise<Verification> {
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  const known = verifications.get(key);
  if (known) return known;
  const args = [`--info=${file}`];
  const run = await runProgram(sigtool, args, { timeoutMs: SIGTOOL_TIMEOUT_MS });
  const log = `## ${commandLine(sigtool, args)} (exit ${String(run.exitCode)})\n${run.stdout}${run.stderr}${run.spawnError ?? ''}`;
  // Without sigtool nothing is verified, and that is said rather than guessed.
  const result = { verified: run.spawnCode ? null : run.exitCode === 0, stdout: run.stdout, log };
  if (run.spawnCode || run.timedOut) return result;
  if (verifications.size >= MAX_REMEMBERED) verifications.delete(verifications.keys().next().value!);
  verifications.set(key, result);
  return result;
}

export interface DatabaseInspection {
  definitions: DefinitionSet[];
  invalidFile: string | null;
  detail: string[];
}

/** The files clamscan would load from `databasePath` (a folder or one file); null when it is not there. */
function databaseFiles(databasePath: string): { files: string[]; isDirectory: boolean } | null {
  const stat = fs.statSync(databasePath, { throwIfNoEntry: false });
  if (!stat) return null;
  if (!stat.isDirectory()) return { files: [databasePath], isDirectory: false };
  const files = fs
    .readdirSync(databasePath, { withFileTypes: true })
    .filter((e) => e.isFile() && isSignatureFile(e.name))
    .map((e) => path.join(databasePath, e.name))
    .sort();
  return { files, isDirectory: true };
}

/** One file as its header (containers) or its modification time (plain signature files) describes it. */
function describeFile(file: string, fileStat: fs.Stats, verified: boolean | null): DefinitionSet {
  const name = path.basename(file);
  if (!CONTAINERS.has(path.extname(file).toLowerCase())) return { name, version: null, updatedAt: fileStat.mtime.toISOString(), signatures: null, verified: null };
  const header = readCvdHeader(file);
  return { name, version: header?.version ?? null, updatedAt: header?.builtAt ?? null, signatures: header?.signatures ?? null, verified };
}

/**
 * What a scan is about to load, read from headers and modification times
 * only: a scan must not wait for sigtool to read main.cvd again (clamscan
 * itself refuses a container that does not verify).
 */
export function readClamDefinitions(databasePath: string): DefinitionSet[] {
  const found = databaseFiles(databasePath);
  if (!found) return [];
  return found.files.flatMap((file) => {
    const fileStat = fs.statSync(file, { throwIfNoEntry: false });
    return fileStat ? [describeFile(file, fileStat, null)] : [];
  });
}

/** The signature files clamscan would load from `databasePath` (a folder or one file), with their versions and ages. */
export async function inspectClamDatabase(databasePath: string, sigtool: string): Promise<DatabaseInspection> {
  const out: DatabaseInspection = { definitions: [], invalidFile: null, detail: [] };
  const found = databaseFiles(databasePath);
  if (!found) {
    out.detail.push(`## ${databasePath}: not found`);
    return out;
  }
  const { files } = found;
  if (found.isDirectory) {
    out.detail.push(`## ${databasePath}: ${files.length === 0 ? 'no signature files' : files.map((f) => path.basename(f)).join(', ')}`);
  } else if (!isSignatureFile(databasePath)) out.invalidFile = path.basename(databasePath);
  for (const file of files) {
    const fileStat = fs.statSync(file);
    if (!CONTAINERS.has(path.extname(file).toLowerCase())) {
      out.definitions.push(describeFile(file, fileStat, null));
      continue;
    }
    const check = await verifyWithSigtool(sigtool, file, fileStat);
    out.detail.push(check.log);
    const d = describeFile(file, fileStat, check.verified);
    if ((d.version === null || check.verified === false) && out.invalidFile === null) out.invalidFile = d.name;
    out.definitions.push(d);
  }
  return out;
}
