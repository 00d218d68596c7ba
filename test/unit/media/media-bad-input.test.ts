import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../../electron/api/router';
import type { ErrorShape } from '../../../electron/api/contract';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, writeMedium, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-media-bad-');
let w: MediaWorld;
let router: Router;
let entryId: string;
let folder: string;
const MISSING = '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f';

beforeEach(() => {
  w = mediaWorld(dirs.make());
  router = createRouter(w.core, { log: (err) => { throw err; } });
  entryId = recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: 'A', purpose: 'p', method: 'none' }), '').id;
  folder = writeMedium(dirs.make(), { 'a.txt': 'x' });
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

function snapshot() {
  const all = (sql: string) => w.core.db.prepare(sql).all();
  return {
    media: all('SELECT * FROM media ORDER BY id'),
    log: all('SELECT * FROM media_log ORDER BY seq'),
    heads: all('SELECT * FROM media_log_heads'),
    configs: all('SELECT * FROM media_scanner_configs'),
    audit: all('SELECT id FROM audit_log'),
    evidence: fs.existsSync(path.join(w.core.dataDir, 'evidence')) ? fs.readdirSync(path.join(w.core.dataDir, 'evidence'), { recursive: true }) : [],
  };
}

const field = (p: string, messageKey: string, params?: object) => ({ path: p, messageKey, ...(params ? { params } : {}) });
const validation = (...fields: object[]): ErrorShape => ({ code: 'validation', messageKey: 'errors.validation', fields: fields as ErrorShape['fields'] });
const checkIn = (over: object) => ({ siteId: w.site.id, mediumId: w.medium.id, person: 'A', purpose: 'p', method: 'none', ...over });

const cases: [string, string, () => unknown, () => ErrorShape][] = [
  ['unknown medium type', 'media:create', () => ({ siteId: w.site.id, fields: { controlNo: 'X', type: 'floppy' } }), () => validation(field('fields.type', 'errors.field.invalidOption'))],
  ['blank 管理番号', 'media:create', () => ({ siteId: w.site.id, fields: { controlNo: '  ', type: 'usb_stick' } }), () => validation(field('fields.controlNo', 'errors.field.required'))],
  ['管理番号 taken', 'media:create', () => ({ siteId: w.site.id, fields: { controlNo: 'USB-001', type: 'sd_card' } }), () => ({ code: 'conflict', messageKey: 'media.errors.controlNoTaken', params: { controlNo: 'USB-001' }, fields: [field('controlNo', 'media.errors.controlNoTaken', { controlNo: 'USB-001' })] })],
  ['site unknown', 'media:create', () => ({ siteId: MISSING, fields: { controlNo: 'X', type: 'usb_stick' } }), () => ({ code: 'not_found', messageKey: 'errors.notFound', params: { entity: 'site', id: MISSING } })],
  ['scan without a job', 'media:checkIn', () => checkIn({ method: 'scan_here' }), () => validation(field('jobId', 'media.errors.scanRequired'))],
  ['scan with an unknown job', 'media:checkIn', () => checkIn({ method: 'scan_here', jobId: MISSING }), () => ({ code: 'validation', messageKey: 'media.errors.jobNotFound', fields: [field('jobId', 'media.errors.jobNotFound')] })],
  ['prior evidence missing', 'media:checkIn', () => checkIn({ method: 'prior_evidence' }), () => validation(field('prior', 'media.errors.priorRequired'))],
  ['prior evidence with a bad date and hash', 'media:checkIn', () => checkIn({ method: 'prior_evidence', prior: { sha256: 'x', name: 'c.pdf', scanDate: '2025-02-30', tool: 't', signatureVersion: 's', result: 'clean' } }), () => validation(field('prior.sha256', 'errors.field.invalidFormat', { format: 'regex' }), field('prior.scanDate', 'errors.field.invalidFormat', { format: 'date' }))],
  ['exception without a reason', 'media:checkIn', () => checkIn({ exception: { approver: '主任', reason: '' } }), () => validation(field('exception.reason', 'errors.field.required'))],
  ['a forged result', 'media:checkIn', () => checkIn({ result: 'clean', decision: 'allowed' }), () => validation(field('result', 'errors.field.unknownField'), field('decision', 'errors.field.unknownField'))],
  ['a medium of nowhere', 'media:checkIn', () => checkIn({ mediumId: MISSING }), () => ({ code: 'not_found', messageKey: 'errors.notFound', params: { entity: 'medium', id: MISSING } })],
  ['a relative path to scan', 'media:scanStart', () => ({ siteId: w.site.id, path: 'usb', scan: true }), () => ({ code: 'validation', messageKey: 'media.errors.pathNotAbsolute', params: { path: 'usb' }, fields: [field('path', 'media.errors.pathNotAbsolute', { path: 'usb' })] })],
  ['a file to scan', 'media:scanStart', () => ({ siteId: w.site.id, path: path.join(folder, 'a.txt'), scan: true }), () => ({ code: 'validation', messageKey: 'media.errors.pathNotDirectory', params: { path: path.join(folder, 'a.txt') }, fields: [field('path', 'media.errors.pathNotDirectory', { path: path.join(folder, 'a.txt') })] })],
  ['an empty correction', 'media:correct', () => ({ siteId: w.site.id, entryId, changes: {}, reason: 'r' }), () => validation(field('changes', 'media.errors.nothingToCorrect'))],
  ['a correction of another site', 'media:correct', () => ({ siteId: MISSING, entryId, changes: { person: 'B' }, reason: 'r' }), () => ({ code: 'not_found', messageKey: 'errors.notFound', params: { entity: 'media-log-entry', id: entryId } })],
  ['a reversed date range', 'media:log', () => ({ siteId: w.site.id, filter: { dateFrom: '2025-06-02', dateTo: '2025-06-01' } }), () => validation(field('filter.dateTo', 'media.errors.dateRangeReversed'))],
  ['a page too large', 'media:log', () => ({ siteId: w.site.id, limit: 100_000 }), () => validation(field('limit', 'errors.field.tooLarge', { max: 500 }))],
  ['a scanner that is not a scanner', 'media:scannerSet', () => ({ siteId: w.site.id, config: { profile: 'clamav', executablePath: '/bin/sh', manifest: { maxFiles: 1, maxFileMb: 1, maxTotalMb: 1 } } }), () => ({ code: 'validation', messageKey: 'errors.validation', fields: [field('executablePath', 'media.errors.notThisScanner', { names: 'clamscan, clamscan.exe' })] })],
  ['a shell in the profile name', 'media:scannerSet', () => ({ siteId: w.site.id, config: { profile: 'sh -c', manifest: { maxFiles: 1, maxFileMb: 1, maxTotalMb: 1 } } }), () => validation(field('config.profile', 'errors.field.invalidOption'))],
  ['check-out of a job that does not exist', 'media:checkOut', () => ({ siteId: w.site.id, checkInId: entryId, jobId: MISSING }), () => ({ code: 'validation', messageKey: 'media.errors.jobNotFound', fields: [field('jobId', 'media.errors.jobNotFound')] })],
];

describe('media channels refuse bad input with a translatable message and write nothing', () => {
  it.each(cases)('%s', async (_label, channel, input, expected) => {
    const before = snapshot();
    expect(await router.handle(channel, input())).toEqual({ ok: false, error: expected() });
    expect(snapshot()).toEqual(before);
  });
});
