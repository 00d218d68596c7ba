import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../electron/api/contract';
import { createRouter, type Router } from '../../../electron/api/router';
import type { BundleJob, KeyInfo } from '../../../electron/core/bundle/bundle-types';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { installation, snapshot, type World } from './bundle-world';

const dirs = tempDirs('hoan-bundle-api-');
let w: World;
let router: Router;
let logged: unknown[];
let siteId: string;

beforeEach(() => {
  w = installation(dirs.make(), 'Site PC', '山田');
  siteId = createSite(w.core.db, siteFieldsSchema.parse(siteInput()), w.core.now(), '山田').id;
  logged = [];
  router = createRouter(w.core, { log: (e) => logged.push(e) });
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

const ok = <T>(e: Envelope<unknown>): T => {
  if (!e.ok) throw new Error(JSON.stringify(e.error));
  return e.data as T;
};

async function finished(job: BundleJob): Promise<BundleJob> {
  for (let j = job; ; j = ok<BundleJob>(await router.handle('bundle:status', { jobId: j.id }))) {
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('bundle channels refuse bad input clearly, writing nothing', () => {
  it.each([
    ['a relative target folder', 'bundle:exportStart', () => ({ siteId, targetDir: 'usb' }), 'bundle.errors.targetNotAbsolute'],
    ['a target folder that does not exist', 'bundle:exportStart', () => ({ siteId, targetDir: '/nonexistent/usb' }), 'bundle.errors.targetMissing'],
    ['a site that does not exist', 'bundle:exportStart', () => ({ siteId: '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f', targetDir: dirs.make() }), 'errors.notFound'],
    ['an unknown upload', 'bundle:importStart', () => ({ source: { uploadId: '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f' } }), 'errors.notFound'],
    ['a relative bundle path', 'bundle:verifyStart', () => ({ source: { path: 'bundle.zip' } }), 'bundle.errors.sourceNotAbsolute'],
    ['a bundle path that does not exist', 'bundle:importStart', () => ({ source: { path: '/nonexistent/bundle.zip' } }), 'bundle.errors.sourceMissing'],
    ['a folder as the bundle', 'bundle:importStart', () => ({ source: { path: dirs.make() } }), 'bundle.errors.notAFile'],
    ['a path and an upload at once', 'bundle:importStart', () => ({ source: { path: '/x.zip', uploadId: '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f' } }), 'errors.validation'],
    ['a blank installation name', 'keys:rename', () => ({ name: '   ' }), 'errors.validation'],
    ['a fingerprint that is not one', 'trust:revoke', () => ({ fingerprint: 'MD5:00' }), 'errors.validation'],
    ['lines that are not allowed_signers', 'trust:add', () => ({ text: 'hello\nssh-ed25519 AAAA', role: 'site' }), 'bundle.errors.signersInvalid'],
    ['no lines at all', 'trust:add', () => ({ text: '# only a comment\n', role: 'site' }), 'bundle.errors.signersEmpty'],
    ['an unknown role', 'trust:add', () => ({ text: 'x', role: 'boss' }), 'errors.validation'],
  ] as const)('%s', async (_label, channel, input, messageKey) => {
    const before = snapshot(w.core);
    const envelope = await router.handle(channel, input());
    expect(envelope).toMatchObject({ ok: false, error: { messageKey } });
    expect(snapshot(w.core)).toEqual(before);
    expect(logged).toEqual([]);
  });

  it("refuses this installation's own key as a trusted signer, and review notes on a site whose home is here", async () => {
    const own = ok<KeyInfo>(await router.handle('keys:show', {}));
    expect(await router.handle('trust:add', { text: own.allowedSigners, role: 'site' })).toMatchObject({ ok: false, error: { messageKey: 'bundle.errors.trustSelf' } });
    expect(await router.handle('review:add', { siteId, text: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'bundle.errors.reviewOnlyImported' } });
  });

  it('a file that is not a bundle is verified into a report, not an error, and nothing is written', async () => {
    const file = path.join(dirs.make(), 'notes.zip');
    fs.writeFileSync(file, 'just text, not a zip');
    const before = snapshot(w.core);
    const job = await finished(ok<BundleJob>(await router.handle('bundle:importStart', { source: { path: file } })));
    expect(job).toMatchObject({ state: 'done', imported: null, report: { ok: false, failures: [{ class: 'zip_structure', reason: 'too_small' }] } });
    expect(snapshot(w.core)).toEqual(before);
  });
});
