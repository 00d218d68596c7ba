import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { openCore, type Core } from '../../../electron/core/core';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/csp';
import { MAX_BODY_BYTES, startWebHost, tokenCookieName, type WebHost } from '../../../electron/web-host/web-host';
import { siteInput } from '../helpers/site-input';
import { setUpNames } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-web-');
const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';
const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./assets/a.js"></script></head><body></body></html>\n';
const ASSET_JS = 'console.log("hoan");\n';
const SECRET = 'outside the renderer folder\n';

let core: Core;
let host: WebHost;
let rendererDir: string;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A raw request: the path is sent exactly as given, never normalised by the client. */
function rawRequest({ method = 'GET', path: p, headers = {}, body }: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: p, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function request(options: RequestOptions): Promise<Reply> {
  const reply = await rawRequest(options);
  // Every response, whatever its status, carries the app's CSP.
  expect(reply.headers['content-security-policy'], `CSP on ${options.method ?? 'GET'} ${options.path} → ${reply.status}`).toBe(
    CONTENT_SECURITY_POLICY,
  );
  return reply;
}

const bearer = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });
const cookie = (token = TOKEN) => ({ Cookie: `${tokenCookieName(host.port)}=${token}` });

function api(channel: string, input: unknown, headers: Record<string, string> = bearer()): Promise<Reply> {
  return request({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

function rows() {
  return {
    sites: core.db.prepare('SELECT * FROM sites ORDER BY id').all(),
    classifications: core.db.prepare('SELECT count(*) AS n FROM classifications').get(),
    settings: core.db.prepare('SELECT * FROM settings ORDER BY key').all(),
    totalChanges: core.db.prepare('SELECT total_changes() AS n').get(),
  };
}

function connectionError(address: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err));
  });
}

beforeEach(async () => {
  const root = dirs.make();
  // A file beside the renderer folder that traversal must never reach.
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(root, 'package.json'), `{"secret": ${JSON.stringify(SECRET)}}`);
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'a.js'), ASSET_JS);

  core = openCore({ dataDir: path.join(root, 'data') });
  setUpNames(core);
  host = await startWebHost({ router: createRouter(core, { log: () => {} }), rendererDir, port: 0, token: TOKEN });
});

afterEach(async () => {
  await host.close();
  core.close();
  dirs.cleanup();
});

describe('startWebHost', () => {
  it('listens on 127.0.0.1 on the port it reports, with the token in the launch URL', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toBe(TOKEN);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('generates a fresh random token when none is given', async () => {
    const a = await startWebHost({ router: createRouter(core), rendererDir, port: 0 });
    const b = await startWebHost({ router: createRouter(core), rendererDir, port: 0 });
    try {
      expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b.token).not.toBe(a.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('accepts no connection on any other interface', async () => {
    expect(await connectionError('127.0.0.1', host.port)).toBeNull();
    // IPv6 loopback is a different socket from 127.0.0.1.
    expect(await connectionError('::1', host.port)).not.toBeNull();
    // On Linux all of 127.0.0.0/8 reaches the loopback device, so this proves the bind is to one address.
    if (process.platform === 'linux') {
      expect((await connectionError('127.0.0.2', host.port))?.code).toBe('ECONNREFUSED');
    }
  });

  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal && !i.address.startsWith('fe80'))
    .map((i) => i.address);

  it.skipIf(external.length === 0)('refuses connections on the machine’s network addresses', async () => {
    for (const address of external) {
      const err = await connectionError(address, host.port);
      expect(err, address).not.toBeNull();
      expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH'], address).toContain(err!.code);
    }
  });
});

describe('token', () => {
  it('refuses every path without a token with 401', async () => {
    for (const p of ['/', '/index.html', '/assets/a.js', '/missing']) {
      const reply = await request({ path: p });
      expect(reply.status, p).toBe(401);
      expect(reply.body).not.toContain('<html');
    }
    const apiReply = await api('app:info', {}, {});
    expect(apiReply.status).toBe(401);
    expect(apiReply.body).not.toContain(core.dataDir);
  });

  it('moves ?token= into an HttpOnly SameSite=Strict cookie with a 303, then serves index.html', async () => {
    const first = await request({ path: `/?token=${TOKEN}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = first.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    const attributes = setCookie[0]!.split(';').map((s) => s.trim());
    expect(attributes[0]).toBe(`${tokenCookieName(host.port)}=${TOKEN}`);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');

    const page = await request({ path: '/', headers: { Cookie: attributes[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');

    const asset = await request({ path: '/assets/a.js', headers: cookie() });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(ASSET_JS);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it("names its cookie after its port, so two hosts in one browser keep their own tokens", async () => {
    const other = await startWebHost({ router: createRouter(core), rendererDir, port: 0, token: `${TOKEN}-other` });
    try {
      expect(tokenCookieName(other.port)).not.toBe(tokenCookieName(host.port));
      // Both cookies travel to both ports (cookies ignore ports); each host reads only its own.
      const both = { Cookie: `${tokenCookieName(host.port)}=${TOKEN}; ${tokenCookieName(other.port)}=${TOKEN}-other` };
      expect((await request({ path: '/', headers: both })).status).toBe(200);
      const otherReply = await new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: other.port, path: '/', headers: { ...both, Host: `127.0.0.1:${other.port}` }, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(otherReply).toBe(200);
      // This host's token under the other host's name is refused.
      expect((await request({ path: '/', headers: { Cookie: `${tokenCookieName(other.port)}=${TOKEN}` } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('finds the cookie among others', async () => {
    const reply = await request({ path: '/', headers: { Cookie: `a=1; ${tokenCookieName(host.port)}=${TOKEN}; b=2` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
  });

  it('accepts a Bearer token for the API', async () => {
    const reply = await api('app:info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const envelope = JSON.parse(reply.body);
    expect(envelope.ok).toBe(true);
    expect(envelope.data.dataDir).toBe(core.dataDir);
  });

  it('refuses a wrong token in the query, the cookie or the header with 401', async () => {
    const wrong = [TOKEN.slice(0, -1) + '!', TOKEN.slice(0, -1), `${TOKEN}x`, ''];
    for (const token of wrong) {
      const viaQuery = await request({ path: `/?token=${encodeURIComponent(token)}` });
      expect(viaQuery.status, token).toBe(401);
      expect(viaQuery.headers['set-cookie']).toBeUndefined();
      expect((await request({ path: '/', headers: cookie(token) })).status, token).toBe(401);
      expect((await api('app:info', {}, bearer(token))).status, token).toBe(401);
    }
    expect((await api('app:info', {}, { Authorization: TOKEN })).status).toBe(401);
  });
});

describe('host, origin and fetch metadata', () => {
  it('accepts the loopback names it listens under', async () => {
    for (const hostHeader of [`127.0.0.1:${host.port}`, `localhost:${host.port}`]) {
      const reply = await request({ path: '/', headers: { ...cookie(), Host: hostHeader } });
      expect(reply.status, hostHeader).toBe(200);
    }
  });

  it('refuses a foreign Host header with 403 even with a valid token (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      expect((await request({ path: '/', headers: { ...cookie(), Host: hostHeader } })).status, hostHeader).toBe(403);
      expect((await api('app:info', {}, { ...bearer(), Host: hostHeader })).status, hostHeader).toBe(403);
      const redirect = await request({ path: `/?token=${TOKEN}`, headers: { Host: hostHeader } });
      expect(redirect.status, hostHeader).toBe(403);
      expect(redirect.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const reply = await api('sites:create', siteInput(), { ...bearer(), Origin: origin });
      expect(reply.status, origin).toBe(403);
    }
    expect(rows().sites).toEqual([]);
    const own = await api('app:info', {}, { ...bearer(), Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site with 403', async () => {
    const reply = await api('sites:create', siteInput(), { ...bearer(), 'Sec-Fetch-Site': 'cross-site' });
    expect(reply.status).toBe(403);
    expect(rows().sites).toEqual([]);
    expect((await api('app:info', {}, { ...bearer(), 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });
});

describe('API transport', () => {
  it('creates and reads through the router', async () => {
    const created = JSON.parse((await api('sites:create', siteInput({ name: 'Via HTTP' }))).body);
    expect(created.ok).toBe(true);
    const got = JSON.parse((await api('sites:get', { id: created.data.id })).body);
    expect(got.data.site).toEqual(created.data);
    expect(rows().sites).toHaveLength(1);
  });

  it('an empty body is an empty input', async () => {
    const reply = await request({ method: 'POST', path: '/api/sites:list', headers: bearer() });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, data: [] });
  });

  it('refuses GET and other methods on /api/ with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await request({ method, path: '/api/app:info', headers: bearer() });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('POST');
    }
  });

  it('refuses POST on static files with 405', async () => {
    const reply = await request({ method: 'POST', path: '/index.html', headers: cookie() });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
  });

  it('refuses a body over 1 MiB with 413 payload_too_large and writes nothing', async () => {
    const before = rows();
    // Valid JSON for a valid site, padded past the limit: only the size is wrong.
    const json = JSON.stringify(siteInput({ name: 'Too big' }));
    const body = json + ' '.repeat(MAX_BODY_BYTES + 1 - Buffer.byteLength(json));
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES + 1);

    const reply = await request({
      method: 'POST',
      path: '/api/sites:create',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body,
    });

    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'payload_too_large', messageKey: 'errors.payloadTooLarge', params: { max: MAX_BODY_BYTES } },
    });
    expect(rows()).toEqual(before);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const json = JSON.stringify(siteInput({ name: 'Just fits' }));
    const body = json + ' '.repeat(MAX_BODY_BYTES - Buffer.byteLength(json));
    const reply = await request({ method: 'POST', path: '/api/sites:create', headers: bearer(), body });
    expect(reply.status).toBe(200);
    expect(rows().sites).toHaveLength(1);
  });

  it('refuses invalid JSON with 400 errors.invalidJson and writes nothing', async () => {
    const before = rows();
    for (const body of ['{"name": "x",', 'not json', "{'name': 'x'}", '[1,]']) {
      const reply = await request({ method: 'POST', path: '/api/sites:create', headers: bearer(), body });
      expect(reply.status, body).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'validation', messageKey: 'errors.invalidJson' } });
    }
    expect(rows()).toEqual(before);
  });

  it('maps envelope errors to HTTP statuses', async () => {
    const invalid = await api('sites:create', siteInput({ name: 123 as never }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.fields).toEqual([
      { path: 'name', messageKey: 'errors.field.invalidType', params: { expected: 'string' } },
    ]);
    const missing = await api('sites:get', { id: '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
    const unknown = await api('sites:drop', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toEqual({ code: 'unknown_channel', messageKey: 'errors.unknownChannel' });
  });

  it('answers a malformed percent-encoded channel with unknown_channel, not a crash', async () => {
    const reply = await request({ method: 'POST', path: '/api/sites%3Alist%E0%A4%A', headers: bearer(), body: '{}' });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'unknown_channel', messageKey: 'errors.unknownChannel' },
    });
  });

  it('decodes a percent-encoded channel name', async () => {
    const reply = await request({ method: 'POST', path: '/api/sites%3Alist', headers: bearer(), body: '{}' });
    expect(reply.status).toBe(200);
  });
});

describe('static files', () => {
  const traversals = [
    '/../secret.txt',
    '/../package.json',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/..%2f..%2fetc/passwd',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/index.html%00.js',
    '/%',
  ];

  it.each(traversals)('%s → 404, never a file outside the renderer folder', async (p) => {
    const reply = await request({ path: p, headers: cookie() });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain(SECRET.trim());
  });

  // A backslash is a separator on Windows only; refusing it everywhere keeps one behaviour on every OS.
  it.runIf(process.platform !== 'win32')('refuses a backslash in the path even where it names a real file', async () => {
    fs.writeFileSync(path.join(rendererDir, 'assets\\b.js'), ASSET_JS);
    expect((await request({ path: '/assets%5cb.js', headers: cookie() })).status).toBe(404);
    expect((await request({ path: '/assets/a.js', headers: cookie() })).status).toBe(200);
  });

  it('serves nothing for a folder or a missing file', async () => {
    expect((await request({ path: '/assets', headers: cookie() })).status).toBe(404);
    expect((await request({ path: '/assets/', headers: cookie() })).status).toBe(404);
    expect((await request({ path: '/missing.js', headers: cookie() })).status).toBe(404);
  });

  it('answers HEAD with headers and no body', async () => {
    const reply = await request({ method: 'HEAD', path: '/assets/a.js', headers: cookie() });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });
});

describe('file uploads', () => {
  const upload = (kind: string, body: Buffer, headers: Record<string, string> = bearer()) =>
    request({
      method: 'POST',
      path: `/upload/${kind}`,
      headers: { 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': encodeURIComponent('点検写真 1.jpg'), ...headers },
      body,
    });

  const evidenceRows = () => core.db.prepare('SELECT sha256, size FROM evidence_files').all();

  it('streams an evidence file into the store and answers with its sha256 and name', async () => {
    const bytes = Buffer.from('photo bytes '.repeat(10_000));
    const reply = await upload('evidence', bytes);
    expect(reply.status).toBe(200);
    const digest = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, data: { sha256: digest, size: bytes.length, name: '点検写真 1.jpg' } });
    expect(evidenceRows()).toEqual([{ sha256: digest, size: bytes.length }]);
  });

  it('needs the token like every other request', async () => {
    const reply = await upload('evidence', Buffer.from('x'), {});
    expect(reply.status).toBe(401);
    expect(evidenceRows()).toEqual([]);
  });

  it('refuses a file over the configured limit from its declared size, and stores nothing', async () => {
    core.db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('evidenceMaxMb', '1', 'x')`).run();
    const reply = await upload('evidence', Buffer.alloc(1024 * 1024 + 1));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'errors.evidence.tooLarge', params: { name: '点検写真 1.jpg', maxMb: 1 } },
    });
    expect(evidenceRows()).toEqual([]);
  });

  it('refuses an unknown kind, a missing name and GET', async () => {
    expect((await upload('firmware', Buffer.from('x'))).status).toBe(404);
    const nameless = await request({ method: 'POST', path: '/upload/evidence', headers: bearer(), body: 'x' });
    expect(JSON.parse(nameless.body)).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'name', messageKey: 'errors.field.required' }] } });
    expect((await request({ method: 'GET', path: '/upload/evidence', headers: bearer() })).status).toBe(405);
    expect(evidenceRows()).toEqual([]);
  });
});
