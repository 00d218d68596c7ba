import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/csp';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { hostUnderTest, INDEX_HTML, type HostUnderTest } from './host-under-test';

/** The app:// handler start-app.ts registers, called as Electron would, over a real router and database. */

const dirs = tempDirs('hoan-main-');
let host: HostUnderTest;

afterEach(() => {
  host.quit();
  dirs.cleanup();
});

async function started(): Promise<HostUnderTest> {
  host = hostUnderTest(dirs.make());
  await host.started;
  return host;
}

const tempFolders = (dataDir: string) => [
  path.join(dataDir, 'evidence', '.incoming'),
  path.join(dataDir, 'tmp', 'inventory-uploads'),
  path.join(dataDir, 'tmp', 'bundle-uploads'),
];
const tempFiles = (dataDir: string) => tempFolders(dataDir).flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []));

/** A body that sends `chunks` of 1 MB, then either errors (the renderer went away) or just ends. */
function cutOffBody(chunks: number, how: 'error' | 'end'): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < chunks) {
        sent++;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x61));
      } else if (how === 'error') {
        controller.error(new Error('net::ERR_ABORTED'));
      } else {
        controller.close();
      }
    },
  });
}

describe('app://hoan/', () => {
  it('[#10.8] serves the built renderer with the CSP on every answer, errors included', async () => {
    const { standIn } = await started();
    const index = await standIn.request('app://hoan/index.html');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(INDEX_HTML);

    const cases: [string, RequestInit | undefined, number][] = [
      ['app://hoan/index.html', undefined, 200],
      ['app://hoan/assets/a.js', undefined, 200],
      ['app://hoan/missing.js', undefined, 404],
      ['app://hoan/../secret.txt', undefined, 404],
      ['app://hoan/%2e%2e/secret.txt', undefined, 404],
      ['app://other/index.html', undefined, 404],
      ['app://hoan/index.html', { method: 'POST', body: 'x' }, 405],
      ['app://hoan/index.html', { method: 'DELETE' }, 405],
    ];
    for (const [url, init, status] of cases) {
      const response = await standIn.request(url, init);
      const label = `${init?.method ?? 'GET'} ${url}`;
      expect(response.status, label).toBe(status);
      expect(response.headers.get('content-security-policy'), label).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
      if (status !== 200) expect(await response.text(), label).not.toContain('outside the renderer folder');
    }
  });

  it('[#10.8] routes POST /upload/<kind> to the receiver: the file lands in the evidence store under its sha256', async () => {
    const { standIn, dataDir } = await started();
    const bytes = Buffer.from('photo bytes '.repeat(50_000));
    const response = await standIn.request('app://hoan/upload/evidence', {
      method: 'POST',
      headers: { 'X-Hoan-File-Name': encodeURIComponent('点検写真 1.jpg'), 'X-Hoan-File-Size': String(bytes.length) },
      body: bytes,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.json()).toEqual({ ok: true, data: { sha256, size: bytes.length, name: '点検写真 1.jpg' } });
    expect(sha256OfFile(evidenceFilePath(dataDir, sha256))).toBe(sha256);
    expect((await standIn.request('app://hoan/upload/firmware', { method: 'POST', body: 'x' })).status).toBe(400);
  });

  it('[#10.1] an upload cut short over app:// (an erroring body, or one that ends before its declared size) is refused and leaves no file', async () => {
    const { standIn, dataDir } = await started();
    for (const kind of ['evidence', 'inventory', 'bundle']) {
      for (const how of ['error', 'end'] as const) {
        const response = await standIn.request(`app://hoan/upload/${kind}`, {
          method: 'POST',
          headers: { 'X-Hoan-File-Name': `${kind}.bin`, 'X-Hoan-File-Size': String(20_000_000) },
          body: cutOffBody(4, how),
          duplex: 'half',
        } as RequestInit);
        const envelope = (await response.json()) as { ok: boolean };
        expect(envelope.ok, `${kind}, body that ${how}s`).toBe(false);
        expect(tempFiles(dataDir), `${kind}, body that ${how}s`).toEqual([]);
      }
    }
    // Nothing cut short was kept as if complete.
    const evidence = path.join(dataDir, 'evidence');
    expect(fs.existsSync(evidence) ? fs.readdirSync(evidence).filter((name) => name !== '.incoming') : []).toEqual([]);
  });
});
