import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../electron/api/contract';
import { createRouter, type Router } from '../../../electron/api/router';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRound, getAssessment } from '../../../electron/core/checklist/round-repository';
import { recordClassification } from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { storeEvidenceStream } from '../../../electron/core/evidence/evidence-store';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { queryLog } from '../../../electron/core/media/log-query';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import { getSettings, updateSettings } from '../../../electron/core/settings/settings-repository';
import { ANSWERS, decision } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';
import { mediaWorld, type MediaWorld } from '../media/media-fixture';

const dirs = tempDirs('hoan-dates-');
/** 23:30 UTC on the 2nd: 08:30 on the 3rd in Tokyo, 18:30 on the 2nd in New York. */
const LATE = new Date('2026-12-02T23:30:00.000Z');
let w: MediaWorld;
let router: Router;

beforeEach(() => {
  w = mediaWorld(dirs.make());
  w.clock.now = LATE;
  router = createRouter(w.core, { log: () => undefined });
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const envelope = (await router.handle(channel, input)) as Envelope<T>;
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return envelope.data;
}
const zone = (timeZone: string) => updateSettings(w.core.db, { timeZone }, LATE);

describe('[#11.5] file names carry the day and time in the installation’s zone', () => {
  async function names() {
    const media = await call<{ fileName: string }>('media:exportXlsx', { siteId: w.site.id, filter: {} });
    const inventory = await call<{ fileName: string }>('inventory:export', { siteId: w.site.id });
    const backup = await call<{ path: string }>('db:backup', {});
    return [media.fileName.replace(/^.*-(\d+)\.xlsx$/, '$1'), inventory.fileName.replace(/^.*-(\d{8}-\d{6})\.xlsx$/, '$1'), backup.path.replace(/^.*hoan-(.*)\.sqlite3$/, '$1')];
  }

  it('media-log export, inventory export and backup at 23:30 UTC are stamped with the Japanese day; another zone, another stamp', async () => {
    expect(await names()).toEqual(['20261203083000', '20261203-083000', '20261203-083000-000']);
    zone('America/New_York');
    w.clock.now = new Date(LATE.getTime() + 1000);
    expect(await names()).toEqual(['20261202183001', '20261202-183001', '20261202-183001-000']);
  });
});

describe('[#11.5] "today" and a day in a filter are days in the installation’s zone', () => {
  it('the media log’s day filter', () => {
    recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '佐藤', purpose: '点検', method: 'none' }), '');
    const on = (day: string) => queryLog(w.core.db, w.site.id, { dateFrom: day, dateTo: day }, 0, 10).rows.length;
    expect([on('2026-12-02'), on('2026-12-03')]).toEqual([0, 1]);
    zone('America/New_York');
    expect([on('2026-12-02'), on('2026-12-03')]).toEqual([1, 0]);
  });

  it('a scan certificate dated today is accepted, one dated tomorrow refused', async () => {
    const sha256 = (await storeEvidenceStream(w.core, Readable.from([Buffer.from('%PDF-1.7 cert')]), { name: 'cert.pdf' })).sha256;
    const withDate = (scanDate: string) =>
      checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '佐藤', purpose: '点検', method: 'prior_evidence', prior: { sha256, name: 'cert.pdf', scanDate, tool: 'ESET', signatureVersion: '1', result: 'clean' } });
    expect(recordCheckIn(w.core, withDate('2026-12-03'), '').decision).toBe('allowed');
    zone('America/New_York');
    expect(thrown(() => recordCheckIn(w.core, withDate('2026-12-03'), '')).fields?.[0]?.messageKey).toBe('media.errors.scanDateFuture');
    expect(recordCheckIn(w.core, withDate('2026-12-02'), '').decision).toBe('allowed');
  });

  it('a remediation date of the 2nd is overdue on the 3rd in Tokyo, not yet on the 2nd in New York', () => {
    recordClassification(w.core.db, w.site.id, classificationAnswersSchema.parse(ANSWERS.A), '山田', LATE);
    const round = createRound(w.core.db, { siteId: w.site.id, title: '2026年度', framework: 'jikayo-gl', carryOverFrom: null }, '山田', LATE);
    updateDecision(w.core.db, round.id, '6-2-2', decision({ status: 'not_implemented', reason: '更新待ち', remediationPlan: 'FW更新', remediationDate: '2026-12-02' }), '山田', LATE);
    const overdue = () => getAssessment(w.core.db, round.id, LATE).items.find((i) => i.id === '6-2-2')!.overdue;
    expect(overdue()).toBe(true);
    zone('America/New_York');
    expect(overdue()).toBe(false);
  });
});

describe('[#11.5] the zone setting', () => {
  it('is Asia/Tokyo by default, takes IANA names only, and a stored value this machine does not know falls back', async () => {
    expect(getSettings(w.core.db).timeZone).toBe('Asia/Tokyo');
    for (const bad of ['JST', '+09:00', 'Asia/Tokio', '']) {
      const refused = await router.handle('settings:update', { timeZone: bad });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'timeZone', messageKey: 'errors.settings.timeZoneUnknown' }] } });
    }
    expect((await call<{ timeZone: string }>('settings:update', { timeZone: 'Europe/Berlin' })).timeZone).toBe('Europe/Berlin');
    w.core.db.prepare(`UPDATE settings SET value_json = '"Mars/Olympus_Mons"' WHERE key = 'timeZone'`).run();
    expect(getSettings(w.core.db).timeZone).toBe('Asia/Tokyo');
  });
});
