import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { ChannelName, Envelope, UploadResult } from '../../../electron/api/contract';
import { createRouter } from '../../../electron/api/router';
import type { BundleJob, KeyInfo, ReviewNote, SiteOrigin, TrustedSigner, TrustPreview, BundleRecord } from '../../../electron/core/bundle/bundle-types';
import { openCore } from '../../../electron/core/core';
import type { Site } from '../../../electron/core/sites/site-schema';
import { setUpNames } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  upload(kind: string, body: Readable, meta: { name: string }): Promise<Envelope<UploadResult>>;
}

type BundleChannel = Extract<ChannelName, `keys:${string}` | `trust:${string}` | `bundle:${string}` | `review:${string}`>;

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-bundle-'));

/** Happy paths for keys:*, trust:*, bundle:* and review:*, spread into the router test's table. */
export function bundleHappyPaths({ call, upload }: Context): Record<BundleChannel, () => Promise<void>> {
  async function finished(job: BundleJob, poll: (id: string) => Promise<BundleJob> = (id) => call<BundleJob>('bundle:status', { jobId: id })): Promise<BundleJob> {
    for (let j = job; ; j = await poll(j.id)) {
      if (j.state !== 'running') return j;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Another installation (the site) exports a bundle; returns it with the site's allowed_signers line. */
  async function siteBundle(): Promise<{ file: string; line: string; siteId: string }> {
    const dir = scratch();
    const core = openCore({ dataDir: path.join(dir, 'data') });
    setUpNames(core);
    try {
      const router = createRouter(core);
      const via = async <T>(channel: ChannelName, input: unknown) => {
        const e = await router.handle(channel, input);
        if (!e.ok) throw new Error(JSON.stringify(e.error));
        return e.data as T;
      };
      const site = await via<Site>('sites:create', siteInput({ name: '北関東ソーラー発電所' }));
      const job = await finished(await via<BundleJob>('bundle:exportStart', { siteId: site.id, targetDir: dir }), (id) => via('bundle:status', { jobId: id }));
      expect(job.state).toBe('done');
      return { file: job.exported!.path, line: (await via<KeyInfo>('keys:show', {})).allowedSigners, siteId: site.id };
    } finally {
      core.close();
    }
  }

  async function imported() {
    const b = await siteBundle();
    await call('trust:add', { text: b.line, role: 'site' });
    const job = await finished(await call<BundleJob>('bundle:importStart', { source: { path: b.file } }));
    expect(job.report?.failures).toEqual([]);
    return b;
  }

  return {
    'keys:show': async () => {
      const info = await call<KeyInfo>('keys:show', {});
      expect(info.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(info.allowedSigners).toContain('namespaces="hoan-bundle" ssh-ed25519 ');
    },
    'keys:rename': async () => {
      expect(await call<KeyInfo>('keys:rename', { name: '本社 保安管理課' })).toMatchObject({ name: '本社 保安管理課' });
    },
    'trust:preview': async () => {
      const b = await siteBundle();
      const preview = await call<TrustPreview>('trust:preview', { text: `${b.line}\nnot a key line` });
      expect(preview.signers).toEqual([expect.objectContaining({ fingerprint: expect.stringMatching(/^SHA256:/), alreadyTrusted: false, isSelf: false })]);
      expect(preview.errors).toEqual([{ line: 2, problem: 'malformed' }]);
    },
    'trust:add': async () => {
      const b = await siteBundle();
      expect(await call<TrustedSigner[]>('trust:add', { text: b.line, role: 'site' })).toEqual([expect.objectContaining({ role: 'site', source: 'manual' })]);
    },
    'trust:list': async () => {
      await call('trust:add', { text: (await siteBundle()).line, role: 'head_office' });
      expect(await call<TrustedSigner[]>('trust:list', {})).toEqual([expect.objectContaining({ role: 'head_office', revokedAt: null })]);
    },
    'trust:revoke': async () => {
      const [signer] = await call<TrustedSigner[]>('trust:add', { text: (await siteBundle()).line, role: 'site' });
      expect(await call<TrustedSigner>('trust:revoke', { fingerprint: signer!.fingerprint })).toMatchObject({ revokedAt: expect.any(String) });
    },
    'bundle:exportStart': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const usb = scratch();
      const job = await finished(await call<BundleJob>('bundle:exportStart', { siteId: site.id, targetDir: usb }));
      expect(job).toMatchObject({ state: 'done', kind: 'export', exported: { verified: true, kind: 'site', sequence: 1 } });
      expect(fs.readdirSync(usb)).toEqual([job.exported!.fileName]);
    },
    'bundle:definitions': async () => {
      // A fresh installation has none to send; bundle-definitions.test.ts covers a store that has some.
      expect(await call('bundle:definitions', {})).toBeNull();
    },
    'bundle:status': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const started = await call<BundleJob>('bundle:exportStart', { siteId: site.id, targetDir: scratch() });
      expect((await call<BundleJob>('bundle:status', { jobId: started.id })).id).toBe(started.id);
      await finished(started);
    },
    'bundle:cancel': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const usb = scratch();
      const started = await call<BundleJob>('bundle:exportStart', { siteId: site.id, targetDir: usb });
      await call('bundle:cancel', { jobId: started.id });
      const job = await finished(started);
      // A small bundle may finish before the cancel lands; either way no partial file is left.
      expect(['cancelled', 'done']).toContain(job.state);
      expect(fs.readdirSync(usb).filter((f) => f.endsWith('.partial'))).toEqual([]);
    },
    'bundle:verifyStart': async () => {
      const b = await siteBundle();
      await call('trust:add', { text: b.line, role: 'site' });
      const job = await finished(await call<BundleJob>('bundle:verifyStart', { source: { path: b.file } }));
      expect(job.report).toMatchObject({ ok: true, failures: [], bag: { siteId: b.siteId, kind: 'site', sequence: 1 } });
    },
    'bundle:importStart': async () => {
      const b = await siteBundle();
      await call('trust:add', { text: b.line, role: 'site' });
      const uploaded = await upload('bundle', fs.createReadStream(b.file), { name: path.basename(b.file) });
      if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.error));
      const job = await finished(await call<BundleJob>('bundle:importStart', { source: { uploadId: uploaded.data.uploadId } }));
      expect(job.imported).toMatchObject({ siteId: b.siteId, kind: 'site' });
      expect(job.report?.fileName).toBe(path.basename(b.file));
    },
    'bundle:discard': async () => {
      const b = await siteBundle();
      const uploaded = await upload('bundle', fs.createReadStream(b.file), { name: 'x.zip' });
      if (!uploaded.ok) throw new Error(JSON.stringify(uploaded.error));
      expect(await call('bundle:discard', { uploadId: uploaded.data.uploadId })).toEqual({ done: true });
    },
    'bundle:history': async () => {
      const b = await imported();
      expect(await call<BundleRecord[]>('bundle:history', {})).toEqual([expect.objectContaining({ direction: 'import', siteId: b.siteId })]);
    },
    'bundle:origins': async () => {
      const b = await imported();
      expect(await call<SiteOrigin[]>('bundle:origins', {})).toEqual([expect.objectContaining({ siteId: b.siteId })]);
    },
    'review:add': async () => {
      const b = await imported();
      expect(await call<ReviewNote>('review:add', { siteId: b.siteId, text: '確認しました' })).toMatchObject({ text: '確認しました', mine: true });
    },
    'review:list': async () => {
      const b = await imported();
      await call('review:add', { siteId: b.siteId, text: '確認しました' });
      expect((await call<ReviewNote[]>('review:list', { siteId: b.siteId })).map((n) => n.text)).toEqual(['確認しました']);
    },
  };
}
