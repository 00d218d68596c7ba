import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import { CONTAINERS, CVD_HEADER_BYTES, CVD_MAGIC, parseCvdHeader, SIGNATURE_EXTENSIONS, verifyWithSigtool } from '../media/scanners/clamav-database';
import { BodyError, readContainerBody, type BodyProblem } from './container-body';
import type { DefinitionsFile, DefinitionsFileKind } from './definitions-types';

/**
 * One ClamAV database file, checked where it was staged (never on the
 * medium, which could change between a check and a copy).
 *
 * - `.cvd` / `.cld`: ClamAV's signed containers. The 512-byte header must
 *   parse, `sigtool --info` must exit 0 and print "Verification OK", and the
 *   body must be whole (container-body.ts).
 * - `.cud`: the same container, unsigned: header and body checked the same
 *   way; nothing vouches for who made it.
 * - Plain signature files (`.hdb`, `.ndb`, `.ldb`, … SIGNATURE_EXTENSIONS):
 *   no header at all. Their lines are checked when the staged set is loaded
 *   by clamscan (clam-engine.ts `loadSet`).
 *
 * A header asking for a functionality level above the engine's, or built
 * more than FUTURE_TOLERANCE_MS after this computer's clock, is refused: the
 * first loads partly, the second makes every age wrong.
 */

/** Clocks on site laptops drift and build times are UTC: a day ahead is a wrong clock or a forged header. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export interface NameInfo {
  kind: Exclude<DefinitionsFileKind, 'defender_package'>;
  /** What a file replaces in the current set: `daily` for daily.cvd/.cld/.cud, else the file name itself. */
  database: string;
}

/** The kind of database a file name says it is; null when clamscan would not load it as signatures. */
export function databaseName(name: string): NameInfo | null {
  const ext = path.extname(name).toLowerCase();
  if (!SIGNATURE_EXTENSIONS.has(ext)) return null;
  if (!CONTAINERS.has(ext)) return { kind: 'plain', database: name };
  return { kind: ext === '.cud' ? 'unsigned' : 'signed', database: name.slice(0, -ext.length).toLowerCase() };
}

export interface CheckContext {
  sigtool: string;
  engineLevel: number;
  now: Date;
}

const refuse = (messageKey: string, params: Record<string, string | number>) => new HoanError('validation', messageKey, params);

function bodyRefusal(name: string, p: BodyProblem): HoanError {
  switch (p.reason) {
    case 'truncated':
      return refuse('definitions.errors.bodyTruncated', { name });
    case 'unsafe_entry':
      return refuse('definitions.errors.unsafeEntry', { name, entry: p.entry });
    case 'too_large':
      return refuse('definitions.errors.bodyTooLarge', { name });
    case 'index_missing':
      return refuse('definitions.errors.indexMissing', { name });
    case 'index_mismatch':
      return refuse('definitions.errors.indexMismatch', { name, entry: p.entry });
    case 'checksum_mismatch':
      return refuse('definitions.errors.checksumMismatch', { name });
    case 'corrupt':
      return refuse('definitions.errors.bodyCorrupt', { name, detail: p.detail });
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(CVD_HEADER_BYTES);
    return head.subarray(0, fs.readSync(fd, head, 0, CVD_HEADER_BYTES, 0)).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** What the record keeps for a file, less sha256 and size (counted while copying). */
export type CheckedFile = Omit<DefinitionsFile, 'sha256' | 'size'>;

export async function checkClamFile(staged: string, name: string, ctx: CheckContext): Promise<CheckedFile> {
  const info = databaseName(name);
  if (!info) throw refuse('definitions.errors.notClamDatabase', { name });
  const size = fs.statSync(staged).size;
  if (size === 0) throw refuse('definitions.errors.emptyFile', { name });
  if (info.kind === 'plain') return { name, kind: 'plain', version: null, builtAt: null, signatures: null, functionalityLevel: null };

  const head = readHead(staged);
  if (!head.startsWith(CVD_MAGIC)) throw refuse('definitions.errors.notClamDatabase', { name });
  const header = head.length === CVD_HEADER_BYTES ? parseCvdHeader(head) : null;
  if (!header || header.builtAt === null || header.functionalityLevel === null || header.signatures === null) throw refuse('definitions.errors.headerDamaged', { name });
  if (header.functionalityLevel > ctx.engineLevel) {
    throw refuse('definitions.errors.levelTooHigh', { name, level: header.functionalityLevel, engineLevel: ctx.engineLevel });
  }
  if (Date.parse(header.builtAt) > ctx.now.getTime() + FUTURE_TOLERANCE_MS) throw refuse('definitions.errors.builtInFuture', { name, builtAt: header.builtAt });

  const ext = path.extname(name).toLowerCase();
  try {
    await readContainerBody(staged, ext === '.cld' ? null : header.md5);
  } catch (err) {
    if (err instanceof BodyError) throw bodyRefusal(name, err.problem);
    throw err;
  }
  const check = await verifyWithSigtool(ctx.sigtool, staged, fs.statSync(staged));
  if (check.verified === null) throw new HoanError('io', 'definitions.errors.scannerMissing', { program: ctx.sigtool });
  const signed = info.kind === 'signed';
  if (!check.verified || (signed && !/^Verification OK/m.test(check.stdout))) {
    const said = check.log.split(/\r?\n/).find((l) => /ERROR|Error/.test(l))?.replace(/^.*?(ERROR|Error):\s*/, '') ?? '';
    throw refuse(signed ? 'definitions.errors.signatureInvalid' : 'definitions.errors.containerRefused', { name, detail: said.trim() });
  }
  return { name, kind: info.kind, version: header.version, builtAt: header.builtAt, signatures: header.signatures, functionalityLevel: header.functionalityLevel };
}
