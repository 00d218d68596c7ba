import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actingUser } from '../../core/settings/acting-user';
import { getSettings } from '../../core/settings/settings-repository';
import { getSite } from '../../core/sites/site-repository';
import { entryDetail, recordCheckIn, recordCheckOut, recordCorrection } from '../../core/media/check-in';
import { detectDrives } from '../../core/media/drives/detect';
import { exportFileName, exportLogXlsx } from '../../core/media/log-export';
import { queryLog } from '../../core/media/log-query';
import { createMedium, listMedia, mediumDetail, updateMedium } from '../../core/media/media-registry';
import { verifyChainFast } from '../../core/media/verify-parallel';
import { cancelScanJob, scanJobStatus, startScanJob } from '../../core/media/scan-jobs';
import { scannerSettings, setScannerConfig } from '../../core/media/scanner-config';
import { scannerStatus } from '../../core/media/scanner-status';
import type { Handlers } from './handler-types';

type MediaChannel = Extract<keyof Handlers, `media:${string}`>;

export const mediaHandlers: Handlers<MediaChannel> = {
  'media:list': (core, { siteId, includeInactive }) => listMedia(core.db, siteId, { includeInactive: includeInactive === true }),
  'media:get': (core, { id }) => mediumDetail(core.db, id),
  'media:create': (core, { siteId, fields }) => createMedium(core.db, siteId, fields, core.now(), actingUser(core)),
  'media:update': (core, { id, fields }) => updateMedium(core.db, id, fields, core.now(), actingUser(core)),
  'media:drives': () => detectDrives(),
  'media:scanStart': (core, input) => startScanJob(core, input),
  'media:scanStatus': (core, { jobId }) => scanJobStatus(core, jobId),
  'media:scanCancel': (core, { jobId }) => cancelScanJob(core, jobId),
  'media:checkIn': (core, input) => recordCheckIn(core, input, actingUser(core)),
  'media:checkOut': (core, input) => recordCheckOut(core, input, actingUser(core)),
  'media:correct': (core, input) => recordCorrection(core, input, actingUser(core)),
  'media:log': (core, { siteId, filter, offset, limit }) => queryLog(core.db, siteId, filter, offset, limit),
  'media:entry': (core, { siteId, id }) => entryDetail(core, siteId, id),
  'media:verify': (core, { siteId }) => {
    getSite(core.db, siteId);
    return verifyChainFast(core.db, core.dbPath, siteId, core.now, core.nativeBinding ? { nativeBinding: core.nativeBinding } : {});
  },
  // The renderer gets the bytes to save; the CLI writes wherever it is told.
  'media:exportXlsx': async (core, { siteId, filter }) => {
    const site = getSite(core.db, siteId);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-export-'));
    try {
      const fileName = exportFileName(site.name, core.now(), getSettings(core.db).timeZone);
      const result = await exportLogXlsx(core, siteId, filter, path.join(dir, fileName));
      return { fileName, base64: fs.readFileSync(result.path).toString('base64'), rows: result.rows };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  'media:scannerGet': (core, { siteId }) => scannerSettings(core.db, siteId),
  'media:scannerSet': (core, { siteId, config }) => setScannerConfig(core.db, siteId, config, core.now(), actingUser(core)),
  'media:scannerStatus': (core, { siteId }) => scannerStatus(core, siteId),
};
