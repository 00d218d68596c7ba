import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { openCore } from '../../../electron/core/core';
import { clamRoot, setFolder } from '../../../electron/core/definitions/definitions-folders';
import { currentDefinitionsSet, importDefinitions, installedClamFolder, rollbackDefinitions } from '../../../electron/core/definitions/definitions-store';
import { definitionsStatus } from '../../../electron/core/definitions/definitions-status';
import { HoanError } from '../../../electron/core/errors';
import { buildDefinitions, DEFS_TEST_MALWARE, DEFS_TEST_SIGNATURE, folderFingerprint, installTestDefinitions, malwareHdbLine } from '../helpers/definitions';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { BUILT, clamscanWith, defsWorld, mkdir, NOW, type DefsWorld } from './defs-world';

const dirs = tempDirs('hoan-defs-store-');
let w: DefsWorld;
let usb: string;

beforeEach(() => {
  w = defsWorld(dirs.make());
  usb = dirs.make();
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

async function refusal(p: Promise<unknown>): Promise<HoanError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HoanError);
  return err as HoanError;
}

describe('[#12.1] the definitions store: a set imported from a medium, recorded, used by clamscan', () => {
  it('[#12.1] a fresh installation with no system database imports daily.cud from a USB folder; clamscan -d <store> then finds the named file and passes a clean one', async () => {
    expect(installedClamFolder(w.core)).toBeNull();
    expect(currentDefinitionsSet(w.core)).toBeNull();
    const file = buildDefinitions(usb, { version: 27501, builtAt: BUILT });
    fs.writeFileSync(path.join(usb, 'freshclam.dat'), 'not a database');
    mkdir(usb, 'System Volume Information');

    const result = await importDefinitions(w.core, { paths: [usb], acceptUnsigned: { reason: '社内で作成した検証用の定義' } }, '山田');

    expect(result.ignored).toEqual(['freshclam.dat', 'System Volume Information/']);
    expect(result.added).toEqual(['daily.cud']);
    const set = currentDefinitionsSet(w.core)!;
    expect(set).toEqual({
      id: result.set.id,
      scanner: 'clamav',
      files: [
        {
          name: 'daily.cud',
          sha256: sha256OfFile(file),
          size: fs.statSync(file).size,
          kind: 'unsigned',
          version: '27501',
          builtAt: BUILT.toISOString(),
          signatures: 1,
          functionalityLevel: expect.any(Number),
        },
      ],
      version: 'daily 27501',
      builtAt: BUILT.toISOString(),
      source: { kind: 'file', path: usb },
      importedAt: NOW.toISOString(),
      importedBy: '山田',
      unsignedAcceptedReason: '社内で作成した検証用の定義',
      state: 'current',
    });
    const folder = installedClamFolder(w.core)!;
    expect(folder).toBe(setFolder(w.dataDir, set.id));
    expect(fs.readdirSync(folder)).toEqual(['daily.cud']);
    expect(fs.statSync(path.join(folder, 'daily.cud')).mode & 0o222).toBe(0);

    const medium = mkdir(dirs.make(), 'medium');
    fs.writeFileSync(path.join(medium, 'report.xlsx.bin'), DEFS_TEST_MALWARE);
    const infected = clamscanWith(folder, medium);
    expect(infected.code).toBe(1);
    expect(infected.stdout).toContain(`${DEFS_TEST_SIGNATURE}.UNOFFICIAL FOUND`);
    const clean = mkdir(dirs.make(), 'clean');
    fs.writeFileSync(path.join(clean, 'memo.txt'), 'nothing here\n');
    expect(clamscanWith(folder, clean).code).toBe(0);

    const audit = auditHistory(w.core.db, 'definitions-set', set.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', userName: '山田', at: NOW.toISOString() });
    expect(audit[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'version', old: null, new: 'daily 27501' },
        { field: 'source', old: null, new: `file: ${usb}` },
        { field: 'unsignedAcceptedReason', old: null, new: '社内で作成した検証用の定義' },
      ]),
    );
  });

  it('[#12.1] the engine\'s functionality level read from `sigtool --help` is the one sigtool writes into a container it builds', async () => {
    const status = await definitionsStatus(w.core);
    expect(status.scanner).toMatchObject({ found: true, executable: 'clamscan', engineVersion: expect.stringMatching(/^\d+\.\d+/) });
    await installTestDefinitions(w.core, [buildDefinitions(usb, { builtAt: BUILT })]);
    expect(currentDefinitionsSet(w.core)!.files[0]!.functionalityLevel).toBe(status.scanner.functionalityLevel);
  });

  it('[#12.1] unsigned files are refused unless accepted with a reason, and the refusal says how; nothing is installed', async () => {
    const file = buildDefinitions(usb, { builtAt: BUILT });
    const hdb = path.join(usb, 'local.hdb');
    fs.writeFileSync(hdb, malwareHdbLine());
    const err = await refusal(importDefinitions(w.core, { paths: [file, hdb] }, '山田'));
    expect(err.messageKey).toBe('definitions.errors.unsignedNotAccepted');
    expect(err.params).toEqual({ names: 'daily.cud, local.hdb' });
    const blank = await refusal(importDefinitions(w.core, { paths: [file], acceptUnsigned: { reason: '   ' } }, '山田'));
    expect(blank.messageKey).toBe('definitions.errors.unsignedNotAccepted');
    expect(currentDefinitionsSet(w.core)).toBeNull();
    expect(fs.existsSync(clamRoot(w.dataDir))).toBe(false);
    const refused = auditHistory(w.core.db, 'definitions-set', 'refused');
    expect(refused.map((a) => [a.action, a.userName, a.changes.find((c) => c.field === 'refusal')!.new])).toEqual([
      ['import_refused', '山田', 'definitions.errors.unsignedNotAccepted {"names":"daily.cud, local.hdb"}'],
      ['import_refused', '山田', 'definitions.errors.unsignedNotAccepted {"names":"daily.cud"}'],
    ]);
  });

  it('[#12.1] unsigned files from a verified head-office bundle need no reason; the bundle and site are the recorded source', async () => {
    const file = buildDefinitions(usb, { builtAt: BUILT });
    const { set } = await importDefinitions(
      w.core,
      { paths: [file], trustedUnsigned: true, source: { kind: 'bundle', bundleId: 'b-1', siteId: 's-1' } },
      '本社',
    );
    expect(set).toMatchObject({ source: { kind: 'bundle', bundleId: 'b-1', siteId: 's-1' }, unsignedAcceptedReason: null, importedBy: '本社' });
    expect(auditHistory(w.core.db, 'definitions-set', set.id)[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'source', old: null, new: 'bundle: b-1 (site s-1)' },
        { field: 'trustedUnsigned', old: null, new: true },
      ]),
    );
  });

  it('[#12.1] a medium with only a new daily replaces daily and carries main over; the set before is kept once, older ones retired and their folders deleted', async () => {
    const first = mkdir(usb, 'first');
    buildDefinitions(first, { name: 'main', version: 62, builtAt: new Date(BUILT.getTime() - 40 * 86_400_000) });
    buildDefinitions(first, { name: 'daily', version: 27500, builtAt: new Date(BUILT.getTime() - 86_400_000) });
    const a = (await installTestDefinitions(w.core, [first])).set;
    expect(a.version).toBe('daily 27500, main 62');
    expect(a.builtAt).toBe(new Date(BUILT.getTime() - 86_400_000).toISOString());

    const second = mkdir(usb, 'second');
    const daily2 = buildDefinitions(second, { name: 'daily', version: 27501, builtAt: BUILT, fileName: 'daily.cud' });
    const r2 = await installTestDefinitions(w.core, [daily2]);
    expect(r2).toMatchObject({ replaced: ['daily.cud'], added: [], carried: ['main.cud'] });
    const b = r2.set;
    expect(b.version).toBe('daily 27501, main 62');
    expect(b.files.find((f) => f.name === 'main.cud')!.sha256).toBe(a.files.find((f) => f.name === 'main.cud')!.sha256);
    expect(fs.readdirSync(installedClamFolder(w.core)!).sort()).toEqual(['daily.cud', 'main.cud']);
    expect(fs.existsSync(setFolder(w.dataDir, a.id))).toBe(true);

    const third = mkdir(usb, 'third');
    const c = (await installTestDefinitions(w.core, [buildDefinitions(third, { name: 'daily', version: 27502, builtAt: BUILT })])).set;
    expect(w.core.db.prepare('SELECT id, state FROM definitions_sets ORDER BY seq').all()).toEqual([
      { id: a.id, state: 'retired' },
      { id: b.id, state: 'previous' },
      { id: c.id, state: 'current' },
    ]);
    expect(fs.existsSync(setFolder(w.dataDir, a.id))).toBe(false);
    expect(fs.existsSync(setFolder(w.dataDir, b.id))).toBe(true);
  });

  it('[#12.1] rollback puts the previous set back in use, a second rollback undoes it, and with nothing before it is refused', async () => {
    const err0 = await refusal(rollbackDefinitions(w.core, '山田'));
    expect(err0.messageKey).toBe('definitions.errors.nothingToRollBack');
    const a = (await installTestDefinitions(w.core, [buildDefinitions(mkdir(usb, 'a'), { version: 1, builtAt: BUILT })])).set;
    expect((await refusal(rollbackDefinitions(w.core, '山田'))).messageKey).toBe('definitions.errors.nothingToRollBack');
    const b = (await installTestDefinitions(w.core, [buildDefinitions(mkdir(usb, 'b'), { version: 2, builtAt: BUILT })])).set;

    const back = await rollbackDefinitions(w.core, '山田');
    expect(back.id).toBe(a.id);
    expect(currentDefinitionsSet(w.core)!.id).toBe(a.id);
    expect(installedClamFolder(w.core)).toBe(setFolder(w.dataDir, a.id));
    expect((await definitionsStatus(w.core)).previous).toMatchObject({ id: b.id, version: 'daily 2' });
    await rollbackDefinitions(w.core, '佐藤');
    expect(currentDefinitionsSet(w.core)!.id).toBe(b.id);
    expect(auditHistory(w.core.db, 'definitions-set', a.id).map((e) => [e.action, e.userName])).toEqual([
      ['import', 'テスト'],
      ['rollback', '山田'],
    ]);
  });

  it('[#12.1] status: each file with version, build time, signatures and age in whole days at the injected clock; the set\'s source, importer and time', async () => {
    await installTestDefinitions(w.core, [buildDefinitions(usb, { version: 27501, builtAt: BUILT })]);
    w.clock.now = new Date(BUILT.getTime() + 3 * 86_400_000 + 3600_000);
    const status = await definitionsStatus(w.core);
    expect(status.current).toMatchObject({
      version: 'daily 27501',
      ageDays: 3,
      importedBy: 'テスト',
      importedAt: NOW.toISOString(),
      source: { kind: 'file' },
      files: [{ name: 'daily.cud', version: '27501', builtAt: BUILT.toISOString(), signatures: 1, ageDays: 3 }],
    });
    expect(status.folder).toBe(installedClamFolder(w.core));
    expect(status.checkedAt).toBe(w.clock.now.toISOString());
  });

  it('[#12.1] two imports at once: the second to finish is refused as changed meanwhile, and only the first is installed', async () => {
    const one = buildDefinitions(mkdir(usb, '1'), { version: 1, builtAt: BUILT });
    const two = buildDefinitions(mkdir(usb, '2'), { version: 2, builtAt: BUILT });
    const results = await Promise.allSettled([installTestDefinitions(w.core, [one]), installTestDefinitions(w.core, [two])]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect((failed[0]!.reason as HoanError).messageKey).toBe('definitions.errors.changedMeanwhile');
    expect(w.core.db.prepare('SELECT count(*) FROM definitions_sets').pluck().get()).toBe(1);
    expect(fs.readdirSync(path.join(clamRoot(w.dataDir), 'sets'))).toHaveLength(1);
  });

  it('[#12.1] leftovers of a crash are swept at start: a dead process\'s staging folder, a retired set\'s folder; the sets in use stay', async () => {
    const a = (await installTestDefinitions(w.core, [buildDefinitions(mkdir(usb, 'a'), { version: 1, builtAt: BUILT })])).set;
    const b = (await installTestDefinitions(w.core, [buildDefinitions(mkdir(usb, 'b'), { version: 2, builtAt: BUILT })])).set;
    const c = (await installTestDefinitions(w.core, [buildDefinitions(mkdir(usb, 'c'), { version: 3, builtAt: BUILT })])).set;
    // A crash between the commit and the folder's removal.
    fs.cpSync(setFolder(w.dataDir, b.id), setFolder(w.dataDir, a.id), { recursive: true });
    const stale = path.join(clamRoot(w.dataDir), 'staging-999999999-crashed');
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, 'daily.cud'), 'half');
    const keep = folderFingerprint(setFolder(w.dataDir, c.id));
    w.core.close();

    w.core = openCore({ dataDir: w.dataDir, now: () => w.clock.now });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(setFolder(w.dataDir, a.id))).toBe(false);
    expect(fs.existsSync(setFolder(w.dataDir, b.id))).toBe(true);
    expect(folderFingerprint(installedClamFolder(w.core))).toEqual(keep);
  });
});
