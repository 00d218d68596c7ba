import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { ChannelName, Envelope, TriageDecision, TriageOverview } from '../../../electron/api/contract';
import type { UploadResult } from '../../../electron/api/contract/results';
import type { CommitResult, ImportJobStatus, JobRef } from '../../../electron/core/inventory/inventory-types';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';
import { writeLedger } from '../advisories/triage-kit';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  upload(kind: unknown, body: Readable, meta: unknown): Promise<Envelope<UploadResult>>;
  /** A classified site with an open round (the router test's own). */
  startRound(): Promise<{ siteId: string; roundId: string }>;
}

type TriageChannel = 'advisories:triage' | 'advisories:decide' | 'advisories:history';

/** Happy paths for the triage channels (issue 13), spread into the router test's table: a real xlsx ledger and sample advisories, all through the router. */
export function triageHappyPaths({ call, upload, startRound }: Context): Record<TriageChannel, () => Promise<void>> {
  async function matched(): Promise<{ siteId: string; roundId: string }> {
    const round = await startRound();
    const ledger = await writeLedger(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-triage-')));
    const bytes = fs.readFileSync(ledger);
    const envelope = await upload('inventory', Readable.from([bytes]), { name: path.basename(ledger), size: bytes.length });
    if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
    const { jobId } = await call<JobRef>('inventory:preview', { siteId: round.siteId, uploadId: envelope.data.uploadId });
    while ((await call<ImportJobStatus>('inventory:progress', { jobId })).state === 'running') await new Promise((r) => setTimeout(r, 10));
    await call<CommitResult>('inventory:commit', { jobId });
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-triage-csaf-'));
    writeCsafFile(usb, SAMPLE_ADVISORIES.melsec());
    writeCsafFile(usb, SAMPLE_ADVISORIES.moxa());
    await call('advisories:import', { paths: [usb] });
    return round;
  }
  const accept = (siteId: string) =>
    call<TriageDecision>('advisories:decide', {
      siteId,
      assetId: 'SW-001',
      advisoryId: 'ICSA-24-011-01',
      status: 'risk_accepted',
      compensatingControl: '制御LANを分離',
      dueOn: '2026-03-31',
    });
  return {
    'advisories:triage': async () => {
      const { siteId } = await matched();
      const overview = await call<TriageOverview>('advisories:triage', { siteId });
      expect(overview.matches.map((m) => [m.assetId, m.advisoryId, m.triage]).sort()).toEqual([
        ['EWS-001', 'ICSA-20-212-02', 'open'],
        ['PLC-001', 'ICSA-20-212-02', 'open'],
        ['SW-001', 'ICSA-24-011-01', 'open'],
      ]);
      expect(overview).toMatchObject({ unsettled: 3, highestOpenCvss: 8.2, openRoundId: expect.any(String) });
    },
    'advisories:decide': async () => {
      const { siteId, roundId } = await matched();
      const decided = await accept(siteId);
      expect(decided).toMatchObject({ status: 'risk_accepted', advisoryId: 'ICSA-24-011-01', deviceVersion: '9.78', riskId: expect.any(String) });
      const risks = await call<{ id: string; linkedItems: string[] }[]>('risks:list', { roundId });
      expect(risks).toEqual([expect.objectContaining({ id: decided.riskId, linkedItems: ['8-4-3'] })]);
      const filtered = await call<TriageOverview>('advisories:triage', { siteId, status: ['risk_accepted'] });
      expect(filtered.matches.map((m) => m.assetId)).toEqual(['SW-001']);
    },
    'advisories:history': async () => {
      const { siteId } = await matched();
      const first = await accept(siteId);
      const second = await call<TriageDecision>('advisories:decide', { siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01', status: 'in_progress', dueOn: '2025-09-30' });
      const history = await call<TriageDecision[]>('advisories:history', { siteId, assetId: 'SW-001', advisoryId: 'ICSA-24-011-01' });
      expect(history.map((d) => [d.id, d.status])).toEqual([
        [second.id, 'in_progress'],
        [first.id, 'risk_accepted'],
      ]);
    },
  };
}
