import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_CONTENT_SECURITY_POLICY } from '../../../electron/core/csp';
import { tempDirs } from '../helpers/temp-dir';
import { hostUnderTest, type HostUnderTest } from './host-under-test';

/** The Electron app's side of ./evidence/<sha256>: app://hoan/evidence/…, through startApp's handler and a real database. */

const dirs = tempDirs('hoan-main-evidence-');
let host: HostUnderTest;

afterEach(() => {
  host.quit();
  dirs.cleanup();
});

describe('[#11.11] app://hoan/evidence/<sha256>', () => {
  it('[#11.11] serves attached evidence over app:// with the same headers as the web host; HTML is only ever saved', async () => {
    host = hostUnderTest(dirs.make());
    await host.started;
    const { standIn } = host;
    const upload = async (bytes: Buffer, name: string) => {
      const response = await standIn.request('app://hoan/upload/evidence', {
        method: 'POST',
        headers: { 'X-Hoan-File-Name': encodeURIComponent(name), 'X-Hoan-File-Size': String(bytes.length) },
        body: bytes,
      });
      return ((await response.json()) as { data: { sha256: string } }).data.sha256;
    };

    const log = Buffer.from('Infected files: 0\n');
    const sha = await upload(log, 'clamav.log');
    expect(sha).toBe(createHash('sha256').update(log).digest('hex'));
    const shown = await standIn.request(`app://hoan/evidence/${sha}?name=${encodeURIComponent('スキャン.log')}&inline=1`);
    expect(shown.status).toBe(200);
    expect(Buffer.from(await shown.arrayBuffer()).equals(log)).toBe(true);
    expect(shown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="____.log"; filename*=UTF-8''${encodeURIComponent('スキャン')}.log`);
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('content-security-policy')).toBe(FILE_CONTENT_SECURITY_POLICY);

    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'page.html');
    const saved = await standIn.request(`app://hoan/evidence/${html}?name=page.html&inline=1`);
    expect([saved.headers.get('content-type'), saved.headers.get('content-disposition')]).toEqual([
      'application/octet-stream',
      `attachment; filename="page.html"; filename*=UTF-8''page.html`,
    ]);

    const head = await standIn.request(`app://hoan/evidence/${sha}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, String(log.length), 0]);
    expect((await standIn.request(`app://hoan/evidence/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await standIn.request(`app://hoan/evidence/${sha}?x=1`)).status).toBe(400);
    expect((await standIn.request(`app://other/evidence/${sha}`)).status).toBe(404);
  });
});
