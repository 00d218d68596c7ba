import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { importDefinitions } from '../../../electron/core/definitions/definitions-store';
import { HoanError } from '../../../electron/core/errors';
import { buildDefinitions, installTestDefinitions, malwareHdbLine } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { BUILT, defsWorld, mkdir, NOW, openContainer, renameTarEntry, storeSnapshot, writeContainer, type DefsWorld } from './defs-world';

const dirs = tempDirs('hoan-defs-bad-');
let w: DefsWorld;
let usb: string;
let before: ReturnType<typeof storeSnapshot>;

beforeEach(async () => {
  w = defsWorld(dirs.make());
  usb = dirs.make();
  // Every case starts with a set in use, which must stay in use.
  await installTestDefinitions(w.core, [buildDefinitions(mkdir(dirs.make(), 'good'), { version: 27400, builtAt: new Date(BUILT.getTime() - 86_400_000) })]);
  before = storeSnapshot(w.core);
  expect(before.files).toEqual({ 'daily.cud': expect.any(String) });
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

/** Imports, expects the refusal named, and proves nothing moved. */
async function refused(paths: string[], messageKey: string, options: { accept?: boolean } = {}): Promise<HoanError> {
  const err = await importDefinitions(
    w.core,
    { paths, ...(options.accept === false ? {} : { acceptUnsigned: { reason: '検証用' } }) },
    '山田',
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HoanError);
  expect((err as HoanError).messageKey).toEqual(messageKey);
  expect(storeSnapshot(w.core)).toEqual(before);
  return err as HoanError;
}

function fresh(options: Parameters<typeof buildDefinitions>[1] = {}): string {
  return buildDefinitions(mkdir(usb, `c${fs.readdirSync(usb).length}`), { version: 27501, builtAt: BUILT, ...options });
}

describe('[#12.1] bad definitions files are refused with their name and reason; the set in use stays in use, its folder unchanged', () => {
  it('[#12.1] a .cud whose gzip body is cut short', async () => {
    const file = fresh();
    const buf = fs.readFileSync(file);
    fs.writeFileSync(file, buf.subarray(0, buf.length - 20));
    const err = await refused([file], 'definitions.errors.bodyTruncated');
    expect(err.params).toEqual({ name: 'daily.cud' });
  });

  it('[#12.1] a container cut right after its header', async () => {
    const file = fresh();
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 512));
    await refused([file], 'definitions.errors.bodyTruncated');
  });

  it('[#12.1] a damaged header (the version field overwritten)', async () => {
    const file = fresh();
    const buf = fs.readFileSync(file);
    const head = buf.subarray(0, 512).toString('latin1').replace(':27501:', ':27x01:');
    buf.write(head, 0, 'latin1');
    fs.writeFileSync(file, buf);
    const err = await refused([file], 'definitions.errors.headerDamaged');
    expect(err.params).toEqual({ name: 'daily.cud' });
  });

  it('[#12.1] a body altered after it was built (one byte of the compressed body flipped)', async () => {
    const file = fresh();
    const buf = fs.readFileSync(file);
    buf[512 + Math.floor((buf.length - 512) / 2)]! ^= 0xff;
    fs.writeFileSync(file, buf);
    const err = await refused([file], expect.stringMatching(/definitions\.errors\.(bodyCorrupt|checksumMismatch)/) as unknown as string);
    expect(err.params).toMatchObject({ name: 'daily.cud' });
  });

  it('[#12.1] a signature file inside replaced after the index was written (re-packed with a matching header MD5)', async () => {
    const file = fresh();
    const { header, tar } = openContainer(file);
    const at = tar.indexOf(malwareHdbLine(), 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    tar.write('0', at, 'latin1'); // same size, different bytes
    writeContainer(file, header, tar);
    const err = await refused([file], 'definitions.errors.indexMismatch');
    expect(err.params).toEqual({ name: 'daily.cud', entry: 'daily.hdb' });
  });

  it('[#12.1] a .cvd whose digital signature does not verify (sigtool --info fails)', async () => {
    const file = fresh({ fileName: 'daily.cvd' });
    const err = await refused([file], 'definitions.errors.signatureInvalid');
    expect(err.params).toMatchObject({ name: 'daily.cvd' });
    expect(String(err.params!.detail)).not.toBe('');
  });

  it('[#12.1] a file that is not a ClamAV database at all: a picture named daily.cvd, a text file given by name', async () => {
    const png = path.join(mkdir(usb, 'p'), 'daily.cvd');
    fs.writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]));
    expect((await refused([png], 'definitions.errors.notClamDatabase')).params).toEqual({ name: 'daily.cvd' });
    const txt = path.join(usb, 'readme.txt');
    fs.writeFileSync(txt, 'hello');
    expect((await refused([txt], 'definitions.errors.notClamDatabase')).params).toEqual({ name: 'readme.txt' });
    const empty = path.join(mkdir(usb, 'e'), 'main.cvd');
    fs.writeFileSync(empty, '');
    await refused([empty], 'definitions.errors.emptyFile');
  });

  it('[#12.1] a database asking for a functionality level above the installed engine\'s', async () => {
    const file = fresh({ flevel: 9999 });
    const err = await refused([file], 'definitions.errors.levelTooHigh');
    expect(err.params).toEqual({ name: 'daily.cud', level: 9999, engineLevel: expect.any(Number) });
    expect(Number(err.params!.engineLevel)).toBeLessThan(9999);
  });

  it('[#12.1] a build time in the future of the injected clock (beyond a day); within a day is a clock drift and taken', async () => {
    const ahead = new Date(NOW.getTime() + 2 * 86_400_000);
    const err = await refused([fresh({ builtAt: ahead })], 'definitions.errors.builtInFuture');
    expect(err.params).toEqual({ name: 'daily.cud', builtAt: ahead.toISOString() });
    const drift = await importDefinitions(w.core, { paths: [fresh({ builtAt: new Date(NOW.getTime() + 3 * 3600_000) })], acceptUnsigned: { reason: 'x' } }, '山田');
    expect(drift.set.state).toBe('current');
  });

  it('[#12.1] tar entries named with `..` or an absolute path', async () => {
    const file = fresh();
    const { header, tar } = openContainer(file);
    writeContainer(file, header, renameTarEntry(tar, 'daily.hdb', '../ly.hdb'));
    expect((await refused([file], 'definitions.errors.unsafeEntry')).params).toEqual({ name: 'daily.cud', entry: '../ly.hdb' });
    const abs = fresh();
    const c = openContainer(abs);
    writeContainer(abs, c.header, renameTarEntry(c.tar, 'COPYING', '/tmp/xx'));
    expect((await refused([abs], 'definitions.errors.unsafeEntry')).params).toEqual({ name: 'daily.cud', entry: '/tmp/xx' });
  });

  it('[#12.1] a tar entry that is a link, not a file, and a tar header whose checksum does not hold', async () => {
    const link = fresh();
    const c = openContainer(link);
    // Re-packed by GNU tar with a symbolic link beside the real files.
    const work = mkdir(dirs.make(), 'unpacked');
    fs.writeFileSync(path.join(work, '..', 'body.tar'), c.tar);
    execFileSync('tar', ['-xf', '../body.tar'], { cwd: work });
    fs.symlinkSync('/etc/passwd', path.join(work, 'extra.hdb'));
    execFileSync('tar', ['--format=ustar', '-cf', '../relinked.tar', ...fs.readdirSync(work).sort()], { cwd: work });
    writeContainer(link, c.header, fs.readFileSync(path.join(work, '..', 'relinked.tar')));
    expect((await refused([link], 'definitions.errors.unsafeEntry')).params).toEqual({ name: 'daily.cud', entry: 'extra.hdb' });
    const bad = fresh();
    const d = openContainer(bad);
    d.tar[100] ^= 0x55; // the first header's mode field, checksum left as it was
    writeContainer(bad, d.header, d.tar);
    expect((await refused([bad], 'definitions.errors.bodyCorrupt')).params).toEqual({ name: 'daily.cud', detail: 'TAR_ENTRY_INVALID: checksum failure' });
  });

  it('[#12.1] a plain signature file with lines clamscan rejects: the staged set is loaded once before the switch', async () => {
    const hdb = path.join(mkdir(usb, 'h'), 'local.hdb');
    fs.writeFileSync(hdb, `${malwareHdbLine()}this is not a signature\n`);
    const err = await refused([hdb], 'definitions.errors.engineRefused');
    expect(err.params).toEqual({ name: 'local.hdb', detail: 'Malformed database' });
  });

  it('[#12.1] two files for one database (daily.cud and daily.cvd on one medium)', async () => {
    const folder = mkdir(usb, 'two');
    buildDefinitions(folder, { builtAt: BUILT });
    buildDefinitions(folder, { builtAt: BUILT, fileName: 'daily.cvd' });
    expect((await refused([folder], 'definitions.errors.duplicateDatabase')).params).toEqual({ names: 'daily.cud, daily.cvd' });
  });

  it('[#12.1] a folder without definitions, and a path that is not there', async () => {
    const folder = mkdir(usb, 'nothing');
    fs.writeFileSync(path.join(folder, 'freshclam.dat'), 'x');
    expect((await refused([folder], 'definitions.errors.noDatabaseFiles')).params).toEqual({ path: folder });
    await refused([path.join(usb, 'gone')], 'definitions.errors.pathMissing');
  });

  it('[#12.1] one bad file among good ones refuses the whole import; the refusal is in the audit log with who and why', async () => {
    const folder = mkdir(usb, 'mixed');
    buildDefinitions(folder, { name: 'main', builtAt: BUILT });
    const daily = buildDefinitions(folder, { name: 'daily', builtAt: BUILT });
    fs.truncateSync(daily, 700);
    await refused([folder], 'definitions.errors.bodyTruncated');
    const last = auditHistory(w.core.db, 'definitions-set', 'refused').at(-1)!;
    expect(last).toMatchObject({ action: 'import_refused', userName: '山田' });
    expect(last.changes).toEqual([
      { field: 'files', old: null, new: 'daily.cud, main.cud' },
      { field: 'source', old: null, new: `file: ${folder}` },
      { field: 'refusal', old: null, new: 'definitions.errors.bodyTruncated {"name":"daily.cud"}' },
    ]);
  });
});
