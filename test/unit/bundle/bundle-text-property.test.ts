import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { keyInfo, renameInstallation } from '../../../electron/core/bundle/installation';
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle';
import { attachEvidence, updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRisk } from '../../../electron/core/checklist/risk-repository';
import { createRound } from '../../../electron/core/checklist/round-repository';
import { recordClassification } from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { createMedium } from '../../../electron/core/media/media-registry';
import { createSite, getSite } from '../../../electron/core/sites/site-repository';
import type { SiteFields } from '../../../electron/core/sites/site-schema';
import { decision } from '../checklist/checklist-fixture';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { installation, storeBytes, type World } from './bundle-world';
import { recordOwner } from '../helpers/registers';

const dirs = tempDirs('hoan-bundle-property-');
let w: World;
let usb: string;

beforeAll(() => {
  w = installation(dirs.make(), 'Site PC', '山田');
  usb = dirs.make();
});
afterAll(() => {
  w.core.close();
  dirs.cleanup();
});

/** What the old schemas let through and what bag-info must survive, plus text from everywhere in Unicode. */
const AWKWARD = [
  '\u2028', '\u2029', '\u0085', '\r\n', '\n', '\r', '\t', '\u000b', '\u000c', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0080', '\u009f',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c',
  '\ud800', '\udbff', '\udc00', '\udfff', '%', '%25', '%E2%80%A8', ' ', '\u00a0', '\u3000', '\ufeff', ':', 'Label: value',
  'e\u0301', '\u0915\u094d\u0937', '😀', '👨‍👩‍👧', '🇯🇵', '\ufffe', '\uffff', '北関東ソーラー発電所', 'ｶﾀｶﾅ', '㈱', '髙﨑',
];
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
);
const text = fc.string({ unit, minLength: 1, maxLength: 24 });

const fields = fc.record({
  siteName: text, address: text, ownerName: text, contractorName: text, installationName: text, userName: text,
  roundTitle: text, reason: text, reviewer: text, evidenceName: text, assetName: text,
  controlNo: text, ownerPerson: text, person: text, company: text, purpose: text, target: text, approver: text, exceptionReason: text,
  deviceName: text, location: text, checkNote: text, reviewNote: text, reviewAuthor: text,
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

/** Writes every field straight through core, bypassing the input schemas, as an older database would hold them. */
async function siteWith(f: Fields): Promise<string> {
  const { core } = w;
  // Prefixed: blanks alone are no name, and a bundle needs its signer's (installation.ts). The
  // saved user name stays the world's: it is recorded in this database's history, not in the bundle.
  renameInstallation(core.db, `I${f.installationName}`, core.now());
  const site = createSite(core.db, { ...siteInput(), name: f.siteName, address: f.address, ownerName: f.ownerName, contractorName: f.contractorName } as SiteFields, core.now(), f.userName);
  recordClassification(core.db, site.id, classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true }), f.userName, core.now());
  const round = createRound(core.db, { siteId: site.id, title: f.roundTitle, framework: 'jikayo-gl', carryOverFrom: null }, f.userName, core.now());
  recordOwner(core.db, site.id, core.now(), f.userName);
  updateDecision(core.db, round.id, '2-1', { ...decision({ status: 'implemented' }), reason: f.reason, reviewer: f.reviewer }, f.userName, core.now());
  const sha256 = await storeBytes(core, `evidence ${randomUUID()}`, f.evidenceName);
  attachEvidence(core.db, round.id, '2-1', { sha256, name: f.evidenceName }, f.userName, core.now());
  createRisk(core.db, round.id, { assetType: 'control_system', assetName: f.assetName, threat: 'malware_media', threatDetail: f.reason, likelihood: 3, impact: 4, linkedItems: ['2-1'], plannedMeasures: f.reason }, f.userName, core.now());
  const medium = createMedium(core.db, site.id, { controlNo: f.controlNo, type: 'usb_stick', description: f.purpose, ownerPerson: f.ownerPerson, ownerCompany: f.company, serial: '', status: 'active' }, core.now(), f.userName);
  recordCheckIn(
    core,
    { siteId: site.id, mediumId: medium.id, person: f.person, company: f.company, purpose: f.purpose, targets: [f.target], method: 'none', exception: { reason: f.exceptionReason, approver: f.approver } },
    f.userName,
  );
  const deviceId = randomUUID();
  core.db
    .prepare(`INSERT INTO devices (id, site_id, asset_id, name, location, created_at, updated_at) VALUES (?, ?, 'PLC-01', ?, ?, ?, ?)`)
    .run(deviceId, site.id, f.deviceName, f.location, core.now().toISOString(), core.now().toISOString());
  recordCheck(core.db, { siteId: site.id, deviceId, status: 'moved', checkedOn: '2025-06-01', newLocation: f.location, note: f.checkNote }, f.userName, core.now());
  core.db
    .prepare(`INSERT INTO review_notes (id, site_id, text, author_fingerprint, author_name, written_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    // Prefixed: the table's CHECK counts characters up to the first NUL, and a note is never empty.
    .run(randomUUID(), site.id, `R${f.reviewNote}`, `SHA256:${'B'.repeat(43)}`, f.reviewAuthor, f.userName, core.now().toISOString());
  w.tick();
  return site.id;
}

describe('[#10.3] bundles whose text is any Unicode', () => {
  it('[#10.3] export and verify with controls, U+2028/2029, bidi controls, emoji, combining marks and lone surrogates in every text field', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fields, async (f) => {
        const siteId = await siteWith(f);
        const exported = await exportBundle(w.core, siteId, usb);
        const self = keyInfo(w.core.db, w.core.dataDir);
        const { report, contents } = await verifyBundle(exported.path, {
          trust: (fp) => (fp === self.fingerprint ? { name: self.name, principal: self.principal } : undefined),
          db: null,
          now: w.core.now(),
        });
        expect(report.ok, JSON.stringify(report.failures)).toBe(true);
        // What SQLite gave back (an unpaired surrogate comes back as U+FFFD) is what the bundle says.
        const stored = getSite(w.core.db, siteId);
        // Generated names stay under bag-info's 300 characters, so nothing is cut.
        expect(report.bag).toMatchObject({ siteName: stored.name, signerName: self.name, sourceOrganization: stored.ownerName || stored.name });
        expect((contents!.records.get('site.json') as { site: { name: string; owner_name: string } }).site).toMatchObject({ name: stored.name, owner_name: stored.ownerName });
        runs++;
      }),
      { seed: 20250601, numRuns: 30, endOnFailure: true },
    );
    expect(runs).toBe(30);
  }, 300_000);
});
