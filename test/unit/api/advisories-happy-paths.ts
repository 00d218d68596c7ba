import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { expect } from 'vitest';
import type { AdvisoryImportReport, AdvisoryListPage, ChannelName, PublisherKey } from '../../../electron/api/contract';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
}

/** The channels helper csaf-import added (issue 13); the other advisories:* channels bring their own. */
type ImportChannel = 'advisories:import' | 'advisories:list' | 'advisories:keysPreview' | 'advisories:keysAdd' | 'advisories:keysList' | 'advisories:keysRemove';

/** Happy paths for the advisory import and keys, spread into the router test's table. */
export function advisoriesHappyPaths({ call }: Context): Record<ImportChannel, () => Promise<void>> {
  const usb = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-advisories-'));
  async function imported(): Promise<AdvisoryImportReport> {
    const folder = usb();
    writeCsafFile(folder, SAMPLE_ADVISORIES.melsec());
    writeCsafFile(folder, SAMPLE_ADVISORIES.moxa());
    return call<AdvisoryImportReport>('advisories:import', { paths: [folder] });
  }
  const publicKey = async () => (await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'CISA CSAF' }], format: 'armored' })).publicKey;
  return {
    'advisories:import': async () => {
      const report = await imported();
      expect(report.counts).toEqual({ imported: 2, updated: 0, unchanged: 0, refused: 0 });
    },
    'advisories:list': async () => {
      await imported();
      const page = await call<AdvisoryListPage>('advisories:list', { search: 'cve-2024-0001' });
      expect(page).toMatchObject({ total: 1, items: [{ trackingId: 'ICSA-24-011-01', products: 2, cves: ['CVE-2024-0001'], cvss: 7.5, revisions: 1, integrity: 'sha512' }] });
    },
    'advisories:keysPreview': async () => {
      const preview = await call<{ fingerprint: string; userIds: string[]; alreadyTrusted: boolean }>('advisories:keysPreview', { armored: await publicKey() });
      expect(preview).toMatchObject({ fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/), userIds: ['CISA CSAF'], alreadyTrusted: false });
    },
    'advisories:keysAdd': async () => {
      const key = await call<PublisherKey>('advisories:keysAdd', { armored: await publicKey() });
      expect(key.userIds).toEqual(['CISA CSAF']);
    },
    'advisories:keysList': async () => {
      const key = await call<PublisherKey>('advisories:keysAdd', { armored: await publicKey() });
      expect(await call<PublisherKey[]>('advisories:keysList', {})).toContainEqual(key);
    },
    'advisories:keysRemove': async () => {
      const key = await call<PublisherKey>('advisories:keysAdd', { armored: await publicKey() });
      await call<PublisherKey>('advisories:keysRemove', { fingerprint: key.fingerprint });
      expect(await call<PublisherKey[]>('advisories:keysList', {})).not.toContainEqual(key);
    },
  };
}
