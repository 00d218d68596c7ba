import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { createMedium, findMediumByControlNo, listMedia, mediumDetail, updateMedium } from '../../../electron/core/media/media-registry';
import { mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import { getScannerConfig, setScannerConfig } from '../../../electron/core/media/scanner-config';
import { DEFAULT_SCANNER_CONFIG } from '../../../electron/core/media/media-schema';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, writeSignatureDb, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-registry-');
let w: MediaWorld;
beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

const fields = (over: object = {}) => mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick', ...over });

describe('the media registry', () => {
  it('registers a medium with owner and serial, and records it in the audit log', () => {
    const m = createMedium(w.core.db, w.site.id, fields({ controlNo: 'LT-07', type: 'laptop', ownerPerson: '鈴木', ownerCompany: 'ベンダー株式会社', serial: 'PF3ABCDE' }), w.clock.now, '担当');
    expect(m).toMatchObject({ controlNo: 'LT-07', type: 'laptop', status: 'active', ownerCompany: 'ベンダー株式会社', serial: 'PF3ABCDE', siteId: w.site.id });
    expect(findMediumByControlNo(w.core.db, w.site.id, 'LT-07')).toEqual(m);
    const [created] = auditHistory(w.core.db, 'medium', m.id);
    expect(created).toMatchObject({ action: 'create', userName: '担当', siteId: w.site.id });
    expect(created!.changes).toContainEqual({ field: 'serial', old: null, new: 'PF3ABCDE' });
  });

  it('refuses a 管理番号 already used at the site, naming the field', () => {
    expect(() => createMedium(w.core.db, w.site.id, fields(), w.clock.now)).toThrow(
      expect.objectContaining({ code: 'conflict', messageKey: 'media.errors.controlNoTaken', fields: [expect.objectContaining({ path: 'controlNo' })] }),
    );
  });

  it('status changes (lost, retired) are history; inactive media are hidden unless asked for', () => {
    w.clock.now = new Date(w.clock.now.getTime() + 1000);
    const { controlNo, type, description, ownerPerson, ownerCompany, serial } = w.medium;
    updateMedium(w.core.db, w.medium.id, fields({ controlNo, type, description, ownerPerson, ownerCompany, serial, status: 'lost' }), w.clock.now, '担当');
    expect(listMedia(w.core.db, w.site.id)).toEqual([]);
    expect(listMedia(w.core.db, w.site.id, { includeInactive: true }).map((m) => m.status)).toEqual(['lost']);
    const detail = mediumDetail(w.core.db, w.medium.id);
    expect(detail.history.map((h) => h.action)).toEqual(['create', 'status:lost']);
    expect(detail.history[1]!.changes).toEqual([{ field: 'status', old: 'active', new: 'lost' }]);
    expect(() => w.core.db.prepare('DELETE FROM media').run()).toThrow(/never deleted/);
  });
});

describe('site scanner configuration', () => {
  it('defaults per platform, saves with an audit entry, and checks paths', () => {
    expect(getScannerConfig(w.core.db, w.site.id)).toEqual({ config: { ...DEFAULT_SCANNER_CONFIG, profile: 'clamav' }, isDefault: true });
    const db = writeSignatureDb(dirs.make());
    const saved = setScannerConfig(w.core.db, w.site.id, { ...DEFAULT_SCANNER_CONFIG, databasePath: db }, w.clock.now, '担当');
    expect(saved).toMatchObject({ isDefault: false, config: { databasePath: db } });
    expect(saved.profiles.map((p) => p.id)).toEqual(['clamav', 'defender']);
    expect(auditHistory(w.core.db, 'scanner-config', w.site.id)).toHaveLength(1);

    const refused = (config: object) => {
      try {
        setScannerConfig(w.core.db, w.site.id, { ...DEFAULT_SCANNER_CONFIG, ...config }, w.clock.now);
      } catch (err) {
        return (err as { fields: { path: string; messageKey: string }[] }).fields.map((f) => [f.path, f.messageKey]);
      }
      return [];
    };
    expect(refused({ executablePath: '/bin/sh' })).toEqual([['executablePath', 'media.errors.notThisScanner']]);
    expect(refused({ executablePath: 'clamscan' })).toEqual([['executablePath', 'media.errors.pathNotAbsolute']]);
    expect(refused({ executablePath: '/nowhere/clamscan' })).toEqual([['executablePath', 'media.errors.pathMissing']]);
    expect(refused({ databasePath: '/nowhere/x.hdb' })).toEqual([['databasePath', 'media.errors.pathMissing']]);
    expect(refused({ profile: 'defender', databasePath: db })).toEqual([['databasePath', 'media.errors.databaseNotUsed']]);
    expect(getScannerConfig(w.core.db, w.site.id).config.databasePath).toBe(db);
  });
});
