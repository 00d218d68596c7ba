import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { diffFields, recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { assetIdKey } from '../inventory/asset-id-key';
import { applyPatchVersion } from '../inventory/device-version';
import { actingUser } from '../settings/acting-user';
import { getTimeZone } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { dayIn } from '../time/time-zone';
import { matchSite } from './advisory-matching';
import type { AdvisoryMatch, TriageDecision } from './advisory-types';
import { enterRisk } from './triage-risk';
import { pairDecisions, toDecision, type TriageRow } from './triage-rows';
import type { TriageDecisionFields, TriageHistoryInput } from './triage-schema';

interface DeviceRef {
  id: string;
  asset_id: string;
  name: string;
}

/** The device by id, or by 管理番号 as people compare them (asset-id-key.ts); refused when it is not the site's. */
export function resolveDevice(db: Database.Database, siteId: string, ref: { deviceId?: string | undefined; assetId?: string | undefined }): DeviceRef {
  const select = 'SELECT id, asset_id, name FROM devices WHERE site_id = ?';
  let device: DeviceRef | undefined;
  if (ref.deviceId !== undefined) device = db.prepare(`${select} AND id = ?`).get(siteId, ref.deviceId) as DeviceRef | undefined;
  else if (ref.assetId !== undefined) {
    device = db.prepare(`${select} AND asset_id = ?`).get(siteId, ref.assetId) as DeviceRef | undefined;
    if (!device) {
      const key = assetIdKey(ref.assetId);
      const near = (db.prepare(select).all(siteId) as DeviceRef[]).filter((d) => assetIdKey(d.asset_id) === key);
      if (near.length === 1) device = near[0];
    }
  }
  if (!device) throw new HoanError('not_found', 'advisories.triage.errors.noDevice', { asset: ref.assetId ?? ref.deviceId ?? '' });
  return device;
}

/** The pair's current match: a decision is made on what Hoan shows, and records the revision and version it saw. */
function currentMatch(core: Core, siteId: string, device: DeviceRef, advisoryId: string, namespace: string | undefined): AdvisoryMatch {
  const found = matchSite(core, siteId).filter(
    (m) => m.deviceId === device.id && m.advisoryId === advisoryId && (namespace === undefined || m.publisherNamespace === namespace),
  );
  const params = { asset: device.asset_id, advisory: advisoryId };
  if (found.length === 0) throw new HoanError('not_found', 'advisories.triage.errors.noMatch', params);
  // One advisory may match a device through several products: they share the pair, and its decision.
  const namespaces = new Set(found.map((m) => m.publisherNamespace));
  if (namespaces.size > 1) throw new HoanError('validation', 'advisories.triage.errors.ambiguousAdvisory', { ...params, count: namespaces.size });
  return found.find((m) => m.status === 'affected') ?? found[0]!;
}

const AUDITED = ['status', 'reasonCode', 'note', 'compensatingControl', 'dueOn', 'deviceVersion', 'advisorySha256', 'riskId'] as const;

/**
 * Records one decision for a (device, advisory) pair of the site: 影響あり,
 * 影響なし (with its reason), 対応中 (with the planned date), 対応済 (the
 * device's version after the patch, written to the inventory with its own
 * audit entry) or リスク受容 (entered in the risk register, 8-4-3). In one
 * IMMEDIATE transaction with its audit entry: a refusal (no open round, a
 * pair that does not match) writes nothing. Earlier decisions are kept.
 */
export function decideTriage(core: Core, input: TriageDecisionFields, userName: string = actingUser(core)): TriageDecision {
  const now = core.now();
  // A plan or a review is for a day to come: one already past would be overdue the moment it is recorded.
  if (input.dueOn !== undefined && input.dueOn < dayIn(now, getTimeZone(core.db))) {
    throw new HoanError('validation', 'errors.validation', undefined, [{ path: 'dueOn', messageKey: 'advisories.triage.errors.dateInPast' }]);
  }
  return writeTransaction(core.db, () => {
    const db = core.db;
    getSite(db, input.siteId);
    const device = resolveDevice(db, input.siteId, input);
    const match = currentMatch(core, input.siteId, device, input.advisoryId, input.publisherNamespace);
    const previous = pairDecisions(db, input.siteId, device.id, match.publisherNamespace, match.advisoryId)[0];

    let deviceVersion = match.deviceVersion;
    if (input.status === 'resolved') {
      deviceVersion = input.version!;
      applyPatchVersion(db, { siteId: input.siteId, deviceId: device.id, version: deviceVersion, advisoryId: match.advisoryId }, userName, now);
    }
    const riskId =
      input.status === 'risk_accepted'
        ? enterRisk(
            db,
            input.siteId,
            {
              match,
              deviceName: device.name,
              compensatingControl: input.compensatingControl,
              note: input.note,
              reviewOn: input.dueOn!,
              likelihood: input.likelihood,
              impact: input.impact,
              previousRiskId: previous?.status === 'risk_accepted' ? previous.risk_id : null,
            },
            userName,
            now,
          )
        : null;

    const row: Omit<TriageRow, 'seq'> = {
      id: randomUUID(),
      site_id: input.siteId,
      device_id: device.id,
      publisher_namespace: match.publisherNamespace,
      tracking_id: match.advisoryId,
      status: input.status,
      reason_code: input.status === 'not_affected' ? input.reasonCode! : null,
      note: input.note,
      compensating_control: input.compensatingControl,
      due_on: input.dueOn ?? null,
      risk_id: riskId,
      advisory_sha256: match.advisorySha256,
      device_version: deviceVersion,
      decided_at: now.toISOString(),
      decided_by: userName,
      bundle_id: null,
    };
    db.prepare(
      `INSERT INTO advisory_triage (id, site_id, device_id, publisher_namespace, tracking_id, status, reason_code, note, compensating_control,
         due_on, risk_id, advisory_sha256, device_version, decided_at, decided_by, bundle_id)
       VALUES (@id, @site_id, @device_id, @publisher_namespace, @tracking_id, @status, @reason_code, @note, @compensating_control,
         @due_on, @risk_id, @advisory_sha256, @device_version, @decided_at, @decided_by, @bundle_id)`,
    ).run(row);
    const decided = toDecision(db.prepare('SELECT * FROM advisory_triage WHERE id = ?').get(row.id) as TriageRow);
    recordAudit(db, {
      siteId: input.siteId,
      entity: 'advisory-triage',
      entityId: decided.id,
      action: 'decide',
      changes: [
        { field: 'assetId', old: null, new: device.asset_id },
        { field: 'advisory', old: null, new: match.advisoryId },
        ...diffFields(previous ? toDecision(previous) : null, decided, AUDITED),
      ],
      userName,
      at: now,
    });
    return decided;
  });
}

/** One pair's decisions, newest first (the first is in force unless reopened). */
export function triageHistory(core: Core, input: TriageHistoryInput): TriageDecision[] {
  getSite(core.db, input.siteId);
  const device = resolveDevice(core.db, input.siteId, input);
  const namespace =
    input.publisherNamespace ??
    (core.db
      .prepare('SELECT publisher_namespace FROM advisory_triage WHERE site_id = ? AND device_id = ? AND tracking_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(input.siteId, device.id, input.advisoryId) as string | undefined);
  if (namespace === undefined) return [];
  return pairDecisions(core.db, input.siteId, device.id, namespace, input.advisoryId).map(toDecision);
}
