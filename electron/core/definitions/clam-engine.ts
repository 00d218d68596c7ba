import fs from 'node:fs';
import path from 'node:path';
import { clamavProfile, parseClamVersion } from '../media/scanners/clamav';
import { sigtoolBeside } from '../media/scanners/clamav-database';
import { commandLine, runProgram } from '../media/scanners/run-program';

/**
 * The installed ClamAV engine, as the definitions store needs it: is it
 * there, which version, which functionality level, and does it load a set.
 *
 * The functionality level is libclamav's `cl_retflevel()`; a database whose
 * header asks for more holds signatures this engine skips (clamscan only
 * warns "This version of the ClamAV engine is outdated"), so the store
 * refuses it. ClamAV prints the level in one place without loading a
 * database: `sigtool --help` documents `--flevel=FLEVEL … Default: <n>`,
 * and that default is `cl_retflevel()` (216 for ClamAV 1.4.6; a container
 * sigtool builds without --flevel carries the same number in its header,
 * which the store's tests check). `clamscan --debug` does not print it.
 */

export interface ClamTools {
  clamscan: string;
  sigtool: string;
}

export interface EngineInfo {
  /** clamscan could be started. */
  found: boolean;
  version: string | null;
  functionalityLevel: number | null;
  /** The commands run and what they printed. */
  log: string;
}

const TIMEOUT_MS = 60_000;
/** Loading main.cvd takes a while and a lot of memory; a set that loads at all loads well within this. */
const LOAD_TIMEOUT_MS = 10 * 60_000;

/** The ClamAV the store verifies with: the clamav profile's program (on PATH, or Program Files\ClamAV on Windows) and its sigtool. */
export function clamTools(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): ClamTools {
  const clamscan = clamavProfile.defaultExecutable(platform, env);
  return { clamscan, sigtool: sigtoolBeside(clamscan, platform) };
}

export function parseEngineLevel(sigtoolHelp: string): number | null {
  const m = /--flevel=FLEVEL[\s\S]*?Default:\s*(\d+)/.exec(sigtoolHelp);
  return m ? Number(m[1]) : null;
}

const known = new Map<string, EngineInfo>();

/** Asked once per process and tools: the engine does not change under a running Hoan. */
export async function engineInfo(tools: ClamTools): Promise<EngineInfo> {
  const key = `${tools.clamscan}\0${tools.sigtool}`;
  const cached = known.get(key);
  if (cached) return cached;
  const v = await runProgram(tools.clamscan, ['--version'], { timeoutMs: TIMEOUT_MS });
  const h = await runProgram(tools.sigtool, ['--help'], { timeoutMs: TIMEOUT_MS });
  const log = [
    `## ${commandLine(tools.clamscan, ['--version'])} (exit ${String(v.exitCode)})\n${v.stdout}${v.stderr}${v.spawnError ?? ''}`,
    `## ${commandLine(tools.sigtool, ['--help'])} (exit ${String(h.exitCode)})\n${h.spawnError ?? '(help text)'}`,
  ].join('\n');
  const found = !v.spawnError && v.exitCode === 0;
  const info: EngineInfo = {
    found,
    version: found ? parseClamVersion(v.stdout).engineVersion : null,
    functionalityLevel: h.spawnError ? null : parseEngineLevel(h.stdout + h.stderr),
    log,
  };
  if (found && info.functionalityLevel !== null) known.set(key, info);
  return info;
}

export type LoadResult =
  | { ok: true; signatures: number; log: string }
  | { ok: false; file: string | null; detail: string; log: string };

/**
 * Loads `folder` with clamscan and scans one empty file: the real proof the
 * engine accepts every file of a set (a plain signature file's lines are
 * checked nowhere else). `probeDir` holds the empty file, outside the set.
 */
export async function loadSet(tools: ClamTools, folder: string, probeDir: string): Promise<LoadResult> {
  const probe = path.join(probeDir, 'empty');
  fs.writeFileSync(probe, '');
  const args = [`--database=${folder}`, probe];
  const run = await runProgram(tools.clamscan, args, { timeoutMs: LOAD_TIMEOUT_MS });
  const log = `## ${commandLine(tools.clamscan, args)} (exit ${String(run.exitCode)})\n${run.stdout}${run.stderr}${run.spawnError ?? ''}`;
  const known = /^Known viruses: (\d+)$/m.exec(run.stdout);
  if (run.exitCode === 0 && known && Number(known[1]) > 0) return { ok: true, signatures: Number(known[1]), log };
  const errors = run.stderr.split(/\r?\n/).filter((l) => /error/i.test(l));
  // libclamav names the file it gave up on: "Can't load <path>: Malformed database".
  const cant = errors.map((l) => /Can't load (.+?): (.+)$/.exec(l)).find((m) => m !== null);
  const detail = cant ? `${cant[2]!.trim()}` : errors[0]?.replace(/^LibClamAV Error:\s*/, '').trim() || (known ? 'no signatures loaded' : `exit ${String(run.exitCode)}`);
  return { ok: false, file: cant ? path.basename(cant[1]!) : null, detail, log };
}
