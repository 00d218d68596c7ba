import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { buildDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { BUILT, defsWorld, storeSnapshot, type DefsWorld } from './defs-world';

const dirs = tempDirs('hoan-defs-api-');
let w: DefsWorld;
beforeEach(() => {
  w = defsWorld(dirs.make());
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

describe('[#12.1] the definitions channels', () => {
  it('[#12.1] definitions:import refuses a relative path or an empty list before anything runs, with field errors', async () => {
    const router = createRouter(w.core);
    const before = storeSnapshot(w.core);
    expect(await router.handle('definitions:import', { paths: ['usb/daily.cvd'] })).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'errors.validation', fields: [{ path: 'paths.0', messageKey: 'definitions.errors.pathNotAbsolute' }] },
    });
    expect(await router.handle('definitions:import', { paths: [] })).toMatchObject({ ok: false, error: { fields: [{ path: 'paths', messageKey: 'errors.field.tooSmall' }] } });
    expect(storeSnapshot(w.core)).toEqual(before);
  });

  it('[#12.1] definitions:import takes Windows and Linux absolute paths; a reason accepts unsigned files and is kept', async () => {
    const router = createRouter(w.core);
    const win = await router.handle('definitions:import', { paths: ['E:\\definitions'] });
    expect(win).toMatchObject({ ok: false, error: { messageKey: 'definitions.errors.pathMissing' } });
    const usb = dirs.make();
    buildDefinitions(usb, { builtAt: BUILT });
    const done = await router.handle('definitions:import', { paths: [usb], acceptUnsignedReason: '  本社から電話で確認済み  ' });
    expect(done).toMatchObject({ ok: true, data: { set: { unsignedAcceptedReason: '本社から電話で確認済み', importedBy: 'テスト担当' } } });
  });
});
