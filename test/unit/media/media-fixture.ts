import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/core';
import { createMedium } from '../../../electron/core/media/media-registry';
import type { MediumFieldsInput } from '../../../electron/core/media/media-schema';
import { mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import type { Medium } from '../../../electron/core/media/media-types';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema, type Site } from '../../../electron/core/sites/site-schema';
import { setUpNames } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';

/** Bytes our own ClamAV signature names; harmless, but "malware" to a scanner given the test database. */
export const TEST_MALWARE = Buffer.from('HOAN-TEST-MALWARE: not a virus, a file a test signature names\n');
export const TEST_SIGNATURE = 'Hoan.Test.Removable';

export function clamscanAvailable(): boolean {
  try {
    execFileSync('clamscan', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * An md5 signature database (.hdb: `md5:size:name`) naming TEST_MALWARE.
 * There are no online signature updates here, so every test brings its own.
 */
export function writeSignatureDb(dir: string): string {
  const file = path.join(dir, 'hoan-test.hdb');
  const md5 = createHash('md5').update(TEST_MALWARE).digest('hex');
  fs.writeFileSync(file, `${md5}:${TEST_MALWARE.length}:${TEST_SIGNATURE}\n`);
  return file;
}

/**
 * An official-style database container, built by ClamAV's own sigtool: an
 * unsigned `<name>.cud` holding the TEST_MALWARE signature, with a real
 * header (version, signature count, build time). Put in `dir` as `fileName`
 * (default `<name>.cud`); named `.cvd` it fails verification, as a damaged
 * or unsigned download would.
 */
export function buildClamContainer(dir: string, options: { name?: string; version?: number; fileName?: string } = {}): string {
  const name = options.name ?? 'daily';
  const work = fs.mkdtempSync(path.join(dir, '.build-'));
  fs.writeFileSync(path.join(work, 'COPYING'), 'Hoan test signatures\n');
  const md5 = createHash('md5').update(TEST_MALWARE).digest('hex');
  fs.writeFileSync(path.join(work, `${name}.hdb`), `${md5}:${TEST_MALWARE.length}:${TEST_SIGNATURE}\n`);
  execFileSync('sigtool', [`--build=${name}.cud`, '--unsigned', `--cvd-version=${options.version ?? 27500}`, '--no-cdiff', `--datadir=${work}`], {
    cwd: work,
    input: 'hoan-test\n',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const file = path.join(dir, options.fileName ?? `${name}.cud`);
  fs.renameSync(path.join(work, `${name}.cud`), file);
  fs.rmSync(work, { recursive: true, force: true });
  return file;
}

/** A folder standing in for a mounted USB stick. */
export function writeMedium(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export const T0 = new Date('2025-06-01T00:30:00.000Z');

export interface MediaWorld {
  core: Core;
  site: Site;
  medium: Medium;
  clock: { now: Date };
  addMedium(fields?: Partial<MediumFieldsInput>): Medium;
}

/** A data folder with one 区分A site and one registered USB stick; the clock moves only when told. */
export function mediaWorld(dataDir: string): MediaWorld {
  const clock = { now: T0 };
  const core = openCore({ dataDir, now: () => clock.now });
  setUpNames(core);
  const site = createSite(core.db, siteFieldsSchema.parse(siteInput()), clock.now, 'テスト');
  const addMedium = (fields: Partial<MediumFieldsInput> = {}) =>
    createMedium(
      core.db,
      site.id,
      mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick', ownerPerson: '山田 太郎', ownerCompany: '保守電機株式会社', ...fields }),
      clock.now,
      'テスト',
    );
  const medium = addMedium();
  return { core, site, medium, clock, addMedium };
}
