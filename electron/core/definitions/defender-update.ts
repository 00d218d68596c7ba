import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HoanError, type ErrorCode, type ErrorParams } from '../errors';
import { powershellPath, readDefenderStatus, type DefenderStatusRead } from '../media/scanners/defender';
import { commandLine, runProgram } from '../media/scanners/run-program';
import { readPeMachine, windowsArch, type WindowsArch } from './pe-machine';

/**
 * Applying an offline Microsoft Defender definitions package (`mpam-fe.exe`)
 * on a laptop without internet (issue 12, point 2).
 *
 * Microsoft publishes one package per architecture under the same name,
 * `mpam-fe.exe` (the download link's `arch=x64` / `arch=x86` chooses; older
 * Forefront-era downloads were named `mpam-fex64.exe`), and a file share
 * keeps them in `x64\` and `x86\` subfolders. The name says nothing about the
 * architecture, so the PE header's Machine field does (pe-machine.ts).
 *
 * MpCmdRun's own usage reads `-SignatureUpdate [-UNC [-Path <path>]]`, and it
 * appends the architecture folder to the path itself. So Hoan copies the
 * chosen package into a fresh folder laid out as `<staging>\<arch>\mpam-fe.exe`
 * and hands MpCmdRun `<staging>`: what Defender applies is the very file whose
 * header was checked, not whatever the medium holds by then.
 *
 * Hoan never runs the package: MpCmdRun asks the Defender service to apply it,
 * and Defender checks Microsoft's signature on it. Hoan reads the versions
 * before and after (Get-MpComputerStatus), and a run that changed nothing is
 * reported as such, never as an update.
 */
export type { WindowsArch };

export interface DefenderVersions {
  engineVersion: string | null;
  /** AntivirusSignatureVersion. */
  signatures: string | null;
  /** AntivirusSignatureLastUpdated, ISO. */
  signaturesUpdatedAt: string | null;
}

export interface DefenderPackage {
  /** The file chosen in the folder. */
  path: string;
  sha256: string;
  size: number;
  arch: WindowsArch;
}

export interface DefenderUpdateResult {
  before: DefenderVersions;
  after: DefenderVersions;
  /** The commands run and what they printed. */
  log: string;
  /** The package applied. */
  package?: DefenderPackage;
}

export interface DefenderUpdateOptions {
  /** The folder holding mpam-fe.exe (directly or in an `x64`/`x86` subfolder), or the file itself. */
  packageFolder: string;
  /** MpCmdRun.exe to run. */
  mpCmdRun: string;
  /** SystemRoot (where powershell.exe is) and PROCESSOR_ARCHITECTURE come from here. */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The laptop's architecture; read from `env` when not given. */
  arch?: WindowsArch;
  /** Where the package is copied for MpCmdRun; the system's temporary folder by default. */
  stagingDir?: string;
  /** How long MpCmdRun may take (default 10 minutes). */
  timeoutMs?: number;
}

/** A refusal or failure, with everything that was run and printed so far. */
export class DefenderUpdateError extends HoanError {
  readonly log: string;
  constructor(code: ErrorCode, key: string, params: ErrorParams, log: string) {
    super(code, `media.defenderUpdate.errors.${key}`, params);
    this.log = log;
  }
}

/** How Microsoft names an offline package, for every architecture (older downloads carried x64/x86 in the name). */
export const PACKAGE_NAME = /^mpam-fe(?:x64|x86)?\.exe$/i;
const ARCH_FOLDERS = /^(?:x64|x86)$/i;
const UPDATE_TIMEOUT_MS = 10 * 60_000;

/**
 * HRESULTs MpCmdRun prints ("Failed with hr = 0x…") that say what to do.
 * 0x80070005 access denied; 0x800106BA and 0x80070422 the Defender service
 * not running or disabled; 0x80070652 another installation in progress;
 * 0x80070002/3 no package where MpCmdRun looked.
 */
const HRESULT_KEYS: Record<string, string> = {
  '0x80070005': 'failedAccessDenied',
  '0x800106ba': 'failedServiceOff',
  '0x80070422': 'failedServiceOff',
  '0x80070652': 'failedBusy',
  '0x80070002': 'failedNotFound',
  '0x80070003': 'failedNotFound',
};

export function failedHresult(text: string): string | null {
  const m = /failed with hr\s*[=:]\s*(0x[0-9a-f]{8})/i.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** The packages a path holds: the file itself, or those in the folder and its x64\ and x86\ subfolders. */
export function candidates(folder: string): string[] {
  const stat = fs.statSync(folder, { throwIfNoEntry: false });
  if (stat?.isFile()) return [folder];
  if (!stat?.isDirectory()) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && PACKAGE_NAME.test(entry.name)) found.push(path.join(folder, entry.name));
    if (entry.isDirectory() && ARCH_FOLDERS.test(entry.name)) {
      for (const inner of fs.readdirSync(path.join(folder, entry.name), { withFileTypes: true })) {
        if (inner.isFile() && PACKAGE_NAME.test(inner.name)) found.push(path.join(folder, entry.name, inner.name));
      }
    }
  }
  return found.sort();
}

/** The one package in the folder built for this laptop; anything doubtful is refused by name. */
export function choosePackage(folder: string, arch: WindowsArch): { path: string; arch: WindowsArch } {
  const files = candidates(folder);
  if (files.length === 0) throw new DefenderUpdateError('validation', 'packageMissing', { folder }, '');
  const fitting: string[] = [];
  let other: { file: string; found: string } | null = null;
  for (const file of files) {
    const pe = readPeMachine(file);
    if (!pe.ok) throw new DefenderUpdateError('validation', pe.reason === 'short' || pe.reason === 'bad_offset' ? 'notPeTruncated' : 'notPe', { file }, '');
    if (pe.arch === arch) fitting.push(file);
    else other ??= { file, found: pe.arch ?? `0x${pe.machine.toString(16).padStart(4, '0')}` };
  }
  if (fitting.length > 1) throw new DefenderUpdateError('validation', 'ambiguous', { folder, arch, files: fitting.join(', ') }, '');
  if (fitting.length === 0) throw new DefenderUpdateError('validation', 'wrongArch', { file: other!.file, found: other!.found, expected: arch }, '');
  return { path: fitting[0]!, arch };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function versionsOf(read: DefenderStatusRead): DefenderVersions {
  const { engineVersion, signatures, signaturesUpdatedAt } = read.status;
  return { engineVersion, signatures, signaturesUpdatedAt };
}

/** Get-MpComputerStatus, or the error that says why it could not be asked. */
async function readVersions(env: NodeJS.ProcessEnv, signal: AbortSignal | undefined, log: string[], when: 'before' | 'after'): Promise<DefenderVersions> {
  const read = await readDefenderStatus(env, signal ? { signal } : {});
  log.push(read.log);
  const { run } = read;
  if (run.cancelled) throw new DefenderUpdateError('conflict', 'cancelled', {}, log.join('\n'));
  if (run.spawnCode === 'ENOENT' || run.spawnCode === 'EACCES') {
    throw new DefenderUpdateError('io', 'powershellMissing', { path: powershellPath(env) }, log.join('\n'));
  }
  const versions = versionsOf(read);
  if (run.spawnError || run.timedOut || run.exitCode !== 0 || !versions.signatures) {
    const key = when === 'before' ? 'statusUnreadable' : 'statusUnreadableAfter';
    throw new DefenderUpdateError('io', key, { exitCode: run.timedOut ? 'timeout' : String(run.exitCode ?? run.spawnError) }, log.join('\n'));
  }
  return versions;
}

export async function applyDefenderPackage(options: DefenderUpdateOptions): Promise<DefenderUpdateResult> {
  const { env, signal } = options;
  const arch = options.arch ?? windowsArch(env);
  if (arch !== 'x64' && arch !== 'x86') throw new DefenderUpdateError('validation', 'archUnsupported', { arch: arch ?? 'unknown' }, '');
  if (path.basename(options.mpCmdRun.replace(/\\/g, '/')).toLowerCase() !== 'mpcmdrun.exe' || !fs.statSync(options.mpCmdRun, { throwIfNoEntry: false })?.isFile()) {
    throw new DefenderUpdateError('io', 'mpCmdRunMissing', { path: options.mpCmdRun }, '');
  }
  const chosen = choosePackage(options.packageFolder, arch);

  const log: string[] = [];
  const before = await readVersions(env, signal, log, 'before');

  const staging = fs.mkdtempSync(path.join(options.stagingDir ?? os.tmpdir(), 'hoan-defender-'));
  try {
    const staged = path.join(staging, arch, 'mpam-fe.exe');
    fs.mkdirSync(path.dirname(staged));
    await fs.promises.copyFile(chosen.path, staged);
    // The copy is what Defender reads: check it, not the medium's file.
    const pe = readPeMachine(staged);
    if (!pe.ok || pe.arch !== arch) throw new DefenderUpdateError('validation', 'changedWhileCopying', { file: chosen.path }, log.join('\n'));
    const pkg: DefenderPackage = { path: chosen.path, sha256: await sha256Of(staged), size: fs.statSync(staged).size, arch };
    log.push(`## package ${chosen.path} (${arch}, ${String(pkg.size)} bytes, sha256 ${pkg.sha256}) copied to ${staged}`);

    const args = ['-SignatureUpdate', '-UNC', '-Path', staging];
    const timeoutMs = options.timeoutMs ?? UPDATE_TIMEOUT_MS;
    const run = await runProgram(options.mpCmdRun, args, { timeoutMs, ...(signal ? { signal } : {}) });
    log.push(`## ${commandLine(options.mpCmdRun, args)} (exit ${String(run.exitCode)})\n${run.stdout}${run.stderr}${run.spawnError ?? ''}`);
    const text = () => log.join('\n');
    if (run.cancelled) throw new DefenderUpdateError('conflict', 'cancelled', {}, text());
    if (run.spawnCode === 'ENOENT') throw new DefenderUpdateError('io', 'mpCmdRunMissing', { path: options.mpCmdRun }, text());
    if (run.timedOut) throw new DefenderUpdateError('io', 'timeout', { minutes: Math.max(1, Math.round(timeoutMs / 60_000)) }, text());
    const hr = failedHresult(`${run.stdout}\n${run.stderr}`);
    if (hr) throw new DefenderUpdateError('io', HRESULT_KEYS[hr] ?? 'failedHr', { hr }, text());
    if (run.spawnError || run.exitCode !== 0) throw new DefenderUpdateError('io', 'failedExit', { exitCode: String(run.exitCode ?? run.spawnError) }, text());

    const after = await readVersions(env, signal, log, 'after');
    if (after.signatures === before.signatures && after.engineVersion === before.engineVersion) {
      throw new DefenderUpdateError('conflict', 'unchanged', { version: before.signatures ?? '', engine: before.engineVersion ?? '' }, text());
    }
    return { before, after, log: text(), package: pkg };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
