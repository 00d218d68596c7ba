import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Core } from '../../../electron/core/core';
import { importDefinitions, type DefinitionsImportResult } from '../../../electron/core/definitions/definitions-store';

/** Bytes the test signatures name: harmless, "malware" to a scanner given them. */
export const DEFS_TEST_MALWARE = Buffer.from('HOAN-TEST-MALWARE: not a virus, a file a test signature names\n');
export const DEFS_TEST_SIGNATURE = 'Hoan.Test.Removable';

/**
 * Puts definition files into the installation's store for a test, through
 * the store's real import (staging, checks, clamscan load, records). The
 * files are unsigned test databases, accepted with a recorded reason. The
 * core's clock must be at or after their build time (build them with
 * `builtAt` near the test's clock): a build time a day ahead is refused.
 */
export async function installTestDefinitions(core: Core, files: string[]): Promise<DefinitionsImportResult> {
  return importDefinitions(core, { paths: files, acceptUnsigned: { reason: 'test definitions' } }, 'テスト');
}

export interface ContainerOptions {
  /** The database name: `daily`, `main`, `bytecode`. */
  name?: string;
  version?: number;
  /** The build time written in the header (sigtool writes its own clock's time; this rewrites it). */
  builtAt?: Date;
  /** The functionality level in the header (sigtool's --flevel). */
  flevel?: number;
  /** The file's name in `dir`; `<name>.cud` by default. */
  fileName?: string;
  /** Plain signature files to put inside, name → content; an .hdb naming DEFS_TEST_MALWARE by default. */
  contents?: Record<string, string>;
}

export function malwareHdbLine(bytes: Buffer = DEFS_TEST_MALWARE, signature = DEFS_TEST_SIGNATURE): string {
  return `${createHash('md5').update(bytes).digest('hex')}:${bytes.length}:${signature}\n`;
}

/**
 * Rewrites a container's build time as sigtool would have written it at
 * `at`: in the 512-byte header (text and Unix seconds) and in the same
 * header line of the `.info` index inside the body (libclamav refuses a
 * container whose two disagree), then re-gzips the body and writes its new
 * MD5 into the header. Nothing signs an unsigned .cud, so a test may do this;
 * the text keeps its length, so the tar inside stays valid.
 */
export function setHeaderBuildTime(file: string, at: Date): void {
  const buf = fs.readFileSync(file);
  const parts = buf.subarray(0, 512).toString('latin1').trimEnd().split(':');
  const d = at.toUTCString().split(' '); // Tue, 03 Jun 2025 00:30:00 GMT
  const text = `${d[1]} ${d[2]} ${d[3]} ${d[4]!.slice(0, 5).replace(':', '-')} +0000`;
  const stime = String(Math.floor(at.getTime() / 1000));
  if (text.length !== parts[1]!.length || stime.length !== parts[8]!.length) throw new Error('build time of another length');
  const tar = zlib.gunzipSync(buf.subarray(512));
  const oldInfo = `ClamAV-VDB:${parts[1]}:`;
  const at1 = tar.indexOf(oldInfo, 0, 'latin1');
  if (at1 < 0) throw new Error('no .info header line in the body');
  tar.write(text, at1 + 'ClamAV-VDB:'.length, 'latin1');
  const lineEnd = tar.indexOf('\n', at1, 'latin1');
  const line = tar.subarray(at1, lineEnd).toString('latin1');
  const stimeAt = at1 + line.lastIndexOf(':') + 1;
  tar.write(stime, stimeAt, 'latin1');
  const body = zlib.gzipSync(tar);
  parts[1] = text;
  parts[5] = createHash('md5').update(body).digest('hex');
  parts[8] = stime;
  fs.writeFileSync(file, Buffer.concat([Buffer.from(parts.join(':').padEnd(512, ' '), 'latin1'), body]));
}

/** A real container built by ClamAV's sigtool (unsigned `.cud` unless `fileName` says otherwise). */
export function buildDefinitions(dir: string, options: ContainerOptions = {}): string {
  const name = options.name ?? 'daily';
  const work = fs.mkdtempSync(path.join(dir, '.build-'));
  fs.writeFileSync(path.join(work, 'COPYING'), 'Hoan test signatures\n');
  for (const [file, content] of Object.entries(options.contents ?? { [`${name}.hdb`]: malwareHdbLine() })) {
    fs.writeFileSync(path.join(work, file), content);
  }
  const args = [`--build=${name}.cud`, '--unsigned', `--cvd-version=${options.version ?? 27500}`, '--no-cdiff', `--datadir=${work}`];
  if (options.flevel !== undefined) args.push(`--flevel=${options.flevel}`);
  execFileSync('sigtool', args, { cwd: work, input: 'hoan-test\n', stdio: ['pipe', 'pipe', 'pipe'] });
  const file = path.join(dir, options.fileName ?? `${name}.cud`);
  fs.renameSync(path.join(work, `${name}.cud`), file);
  fs.rmSync(work, { recursive: true, force: true });
  if (options.builtAt) setHeaderBuildTime(file, options.builtAt);
  return file;
}

/** Every file under a folder with its sha256, to prove a folder did not change. */
export function folderFingerprint(folder: string | null): Record<string, string> | null {
  if (folder === null || !fs.existsSync(folder)) return null;
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(folder, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}
