/**
 * A site's data folder with a big removable-media log, for the start-up
 * benchmark (issue 15, goal 4): one site, 20 media and `entries` check-ins
 * appended through Hoan's own append code (so the chain is real and
 * verifies), batched into large write transactions as bench/media-log.ts
 * fills its log. Deterministic: two runs build the same log.
 */
import { createHash } from 'node:crypto';
import { openCore } from '../electron/core/core';
import { writeTransaction } from '../electron/core/db/transactions';
import { appendEntry, type EntryDraft } from '../electron/core/media/checkpoint-log';
import { createMedium } from '../electron/core/media/media-registry';
import { mediumFieldsSchema } from '../electron/core/media/media-schema';
import type { CheckInBody, Medium } from '../electron/core/media/media-types';
import { saveSetup } from '../electron/core/settings/first-run';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';

const FILL_BATCH = 10_000;

function sampleDraft(siteId: string, m: Medium, at: number, r: () => number): EntryDraft {
  const x = r();
  const result = x < 0.9 ? 'clean' : x < 0.95 ? 'infected' : x < 0.98 ? 'error' : 'no_evidence';
  const hex = createHash('sha256').update(String(x)).digest('hex');
  const body: CheckInBody = {
    targets: ['PLC-1', '監視PC'],
    scan: result === 'no_evidence' ? null : {
      profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: 'daily 27500 (Tue Jan 7 09:29:48 2025)',
      startedAt: new Date(at - 13_000).toISOString(), endedAt: new Date(at - 1_000).toISOString(), filesScanned: Math.floor(r() * 500), exitCode: result === 'infected' ? 1 : 0,
      result, detections: result === 'infected' ? [{ file: 'tools/update.exe', name: 'Win.Test.EICAR_HDB-1' }] : [],
      errorText: '', logSha256: hex,
    },
    prior: null,
    manifest: { sha256: hex, root: '/media/usb0', fileCount: 42, totalBytes: 123_456_789, hashedFiles: 42, truncated: false, limits: { maxFiles: 20000, maxFileMb: 1024, maxTotalMb: 16384 } },
  };
  return {
    siteId, kind: 'check_in', mediumId: m.id, controlNo: m.controlNo, mediumType: m.type, person: `作業員 ${Math.floor(r() * 200)}`, company: `保守会社 ${Math.floor(r() * 30)}`,
    purpose: '定期点検に伴うPLCプログラムのバックアップ', method: result === 'no_evidence' ? 'none' : 'scan_here', result,
    decision: result === 'clean' ? 'allowed' : 'denied', approver: '', exceptionReason: '', refersTo: null, body,
  };
}

/** Fills `dir` (a new data folder) with one site whose media log holds `entries` entries. */
export function fillMediaLogSite(dir: string, entries: number, progress: (done: number) => void = () => {}): void {
  let seed = 0x5eed;
  const r = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let clock = new Date('2020-04-01T00:00:00Z').getTime();
  const core = openCore({ dataDir: dir, now: () => new Date(clock) });
  try {
    const { db } = core;
    saveSetup(db, { userName: 'ベンチ 太郎', installationName: 'ベンチマーク事業所 保安PC' }, new Date(clock));
    const site = createSite(db, siteFieldsSchema.parse({ name: 'ベンチマーク発電所', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'new' }), new Date(clock));
    const media = Array.from({ length: 20 }, (_, i) => createMedium(db, site.id, mediumFieldsSchema.parse({ controlNo: `USB-${String(i).padStart(3, '0')}`, type: 'usb_stick' }), new Date(clock)));
    const step = (5 * 365 * 24 * 3600_000) / entries;
    for (let done = 0; done < entries; ) {
      const n = Math.min(FILL_BATCH, entries - done);
      writeTransaction(db, () => {
        for (let i = 0; i < n; i++) {
          clock += step;
          appendEntry(db, sampleDraft(site.id, media[Math.floor(r() * media.length)]!, clock, r), new Date(clock), 'bench');
        }
      });
      done += n;
      progress(done);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    core.close();
  }
}
