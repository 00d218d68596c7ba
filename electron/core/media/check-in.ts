import fs from 'node:fs';
import type { Core } from '../core';
import { HoanError, notFound } from '../errors';
import { evidenceFilePath, hasEvidence } from '../evidence/evidence-store';
import { getTimeZone } from '../settings/settings-repository';
import { dayIn } from '../time/time-zone';
import { appendEntry, getEntry, relatedEntries } from './checkpoint-log';
import { diffManifests, type Manifest } from './manifest';
import { getMedium } from './media-registry';
import { exceptionNeeded, judge, type CheckIn, type ScanResult } from './media-schema';
import type { CheckInBody, CheckOutBody, CorrectionBody, LogEntry, LogEntryDetail, ManifestFile } from './media-types';
import { finishedJob, markJobUsed } from './scan-jobs';

function invalid(path: string, messageKey: string, params?: Record<string, string | number>): HoanError {
  return new HoanError('validation', messageKey, params, [{ path, messageKey, ...(params ? { params } : {}) }]);
}

/**
 * Records a check-in: the medium, who brings it and why, how it was checked,
 * and the 判定. Everything is checked before anything is written; the entry
 * is committed in one transaction.
 */
export function recordCheckIn(core: Core, input: CheckIn, userName: string): LogEntry {
  const medium = getMedium(core.db, input.mediumId);
  if (medium.siteId !== input.siteId) throw notFound('medium', input.mediumId);
  if (medium.status !== 'active') throw invalid('mediumId', 'media.errors.mediumNotActive', { controlNo: medium.controlNo });

  const job = input.jobId ? finishedJob(core, input.jobId, input.siteId, input.method === 'scan_here') : null;
  let result: ScanResult;
  if (input.method === 'scan_here') result = job!.outcome.result ?? 'error';
  else if (input.method === 'prior_evidence') {
    const prior = input.prior!;
    if (!hasEvidence(core, prior.sha256)) throw invalid('prior.sha256', 'media.errors.evidenceMissing');
    // A scan certificate dated after today (in the installation's zone) is a mistake.
    if (prior.scanDate > dayIn(core.now(), getTimeZone(core.db))) throw invalid('prior.scanDate', 'media.errors.scanDateFuture');
    result = prior.result;
  } else result = 'no_evidence';

  // Only Hoan's own scan records its definitions; a scan past the site's age limit needs an approver too.
  const stale = input.method === 'scan_here' && job!.outcome.scan?.definitions?.stale === true;
  const covers = exceptionNeeded(result, stale);
  if (input.exception && covers === null) throw invalid('exception', 'media.errors.exceptionNotNeeded');
  const decision = judge(result, input.exception !== undefined, stale);
  const body: CheckInBody = {
    ...(decision === 'exception' ? { exceptionCovers: covers! } : {}),
    targets: input.targets,
    scan: job?.outcome.scan ?? null,
    prior: input.prior
      ? {
          evidenceSha256: input.prior.sha256,
          evidenceName: input.prior.name,
          scanDate: input.prior.scanDate,
          tool: input.prior.tool,
          signatureVersion: input.prior.signatureVersion,
          result: input.prior.result,
        }
      : null,
    manifest: job?.outcome.manifest ?? null,
  };
  const entry = appendEntry(
    core.db,
    {
      siteId: input.siteId,
      kind: 'check_in',
      mediumId: medium.id,
      controlNo: medium.controlNo,
      mediumType: medium.type,
      person: input.person,
      company: input.company,
      purpose: input.purpose,
      method: input.method,
      result,
      decision,
      approver: input.exception?.approver ?? '',
      exceptionReason: input.exception?.reason ?? '',
      refersTo: null,
      body,
    },
    core.now(),
    userName,
  );
  if (input.jobId) markJobUsed(core, input.jobId);
  return entry;
}

export function readManifest(core: Core, sha256: string): Manifest {
  return JSON.parse(fs.readFileSync(evidenceFilePath(core.dataDir, sha256), 'utf8')) as Manifest;
}

/** Check-out: a second manifest, and what changed on the medium since check-in. */
export function recordCheckOut(core: Core, input: { siteId: string; checkInId: string; jobId: string }, userName: string): LogEntry {
  const checkIn = getEntry(core.db, input.siteId, input.checkInId);
  if (checkIn.kind !== 'check_in') throw invalid('checkInId', 'media.errors.notACheckIn');
  if (relatedEntries(core.db, checkIn.id).some((e) => e.kind === 'check_out')) {
    throw new HoanError('conflict', 'media.errors.alreadyCheckedOut', { n: checkIn.n });
  }
  const { outcome, manifest } = finishedJob(core, input.jobId, input.siteId, false);
  // A denied medium was never connected: there is nothing to check out.
  if (checkIn.decision === 'denied') throw new HoanError('conflict', 'media.errors.deniedNoCheckOut', { n: checkIn.n });
  const before = (checkIn.body as CheckInBody).manifest;
  const body: CheckOutBody = {
    manifest: outcome.manifest,
    diff: before ? diffManifests(readManifest(core, before.sha256), manifest) : null,
  };
  const entry = appendEntry(
    core.db,
    {
      siteId: input.siteId,
      kind: 'check_out',
      mediumId: checkIn.mediumId,
      controlNo: checkIn.controlNo,
      mediumType: checkIn.mediumType,
      person: checkIn.person,
      company: checkIn.company,
      purpose: checkIn.purpose,
      method: null,
      result: null,
      decision: null,
      approver: '',
      exceptionReason: '',
      refersTo: checkIn.id,
      body,
    },
    core.now(),
    userName,
  );
  markJobUsed(core, input.jobId);
  return entry;
}

type Effective = LogEntryDetail['effective'];

/** A check-in as its corrections left it: later corrections win. */
export function applyCorrections(entry: LogEntry, related: LogEntry[]): Effective {
  const effective: Effective = {
    person: entry.person,
    company: entry.company,
    purpose: entry.purpose,
    targets: entry.kind === 'check_in' ? (entry.body as CheckInBody).targets : [],
  };
  for (const c of related) if (c.kind === 'correction') Object.assign(effective, (c.body as CorrectionBody).changes);
  return effective;
}

/**
 * A correction never changes the entry it corrects: it is a new entry that
 * refers to it, with the new values and the reason.
 */
export function recordCorrection(
  core: Core,
  input: { siteId: string; entryId: string; changes: CorrectionBody['changes']; reason: string },
  userName: string,
): LogEntry {
  const target = getEntry(core.db, input.siteId, input.entryId);
  if (target.kind !== 'check_in') throw invalid('entryId', 'media.errors.onlyCheckInCorrectable');
  const effective = { ...applyCorrections(target, relatedEntries(core.db, target.id)), ...input.changes };
  const body: CorrectionBody = { changes: input.changes, reason: input.reason };
  return appendEntry(
    core.db,
    {
      siteId: input.siteId,
      kind: 'correction',
      mediumId: target.mediumId,
      controlNo: target.controlNo,
      mediumType: target.mediumType,
      person: effective.person,
      company: effective.company,
      purpose: effective.purpose,
      method: null,
      result: null,
      decision: null,
      approver: '',
      exceptionReason: '',
      refersTo: target.id,
      body,
    },
    core.now(),
    userName,
  );
}

const SHOWN_FILES = 200;

export function entryDetail(core: Core, siteId: string, id: string): LogEntryDetail {
  const entry = getEntry(core.db, siteId, id);
  const related = relatedEntries(core.db, id);
  let manifestFiles: ManifestFile[] = [];
  const summary = entry.kind === 'correction' ? null : (entry.body as CheckInBody | CheckOutBody).manifest;
  if (summary) {
    try {
      manifestFiles = readManifest(core, summary.sha256).files.slice(0, SHOWN_FILES);
    } catch {
      // The entry still verifies by its hash; a missing manifest file shows as an empty list.
    }
  }
  return { entry, related, effective: applyCorrections(entry, related), manifestFiles };
}
