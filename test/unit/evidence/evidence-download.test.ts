import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { openCore, type Core } from '../../../electron/core/core';
import { FILE_CONTENT_SECURITY_POLICY } from '../../../electron/core/csp';
import { contentDisposition, sniffEvidence } from '../../../electron/core/evidence/evidence-download';
import { evidenceFilePath, storeEvidenceStream } from '../../../electron/core/evidence/evidence-store';
import { startWebHost, tokenCookieName, type WebHost } from '../../../electron/web-host/web-host';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-evidence-get-');
const TOKEN = 'evidence-token-0123456789abcdefghijklmnopqrstuv';

/** A 1×1 PNG, a PDF, a scanner's log, and files that must never be shown: HTML, SVG, an executable. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const LOG = Buffer.from('LibClamAV: 8,700,000 signatures\n/media/usb/点検.xlsx: OK\n\n----------- SCAN SUMMARY -----------\nInfected files: 0\n');
const HTML = Buffer.from('<!doctype html><script>fetch("/api/sites:list",{method:"POST"})</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const TEXT_WITH_HTML = Buffer.from('点検メモ\nsee <html><script>alert(1)</script>\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

let core: Core;
let host: WebHost;

beforeEach(async () => {
  core = openCore({ dataDir: path.join(dirs.make(), 'data') });
  host = await startWebHost({ router: createRouter(core, { log: () => {} }), rendererDir: dirs.make(), port: 0, token: TOKEN });
});

afterEach(async () => {
  await host.close();
  core.close();
  dirs.cleanup();
});

async function store(bytes: Buffer, name = 'file.bin'): Promise<string> {
  return (await storeEvidenceStream(core, Readable.from([bytes]), { name })).sha256;
}

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The connection ended before the declared length arrived. */
  cut: boolean;
}

function get(p: string, options: { method?: string; token?: string | null } = {}): Promise<Got> {
  const token = options.token === undefined ? TOKEN : options.token;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: p, agent: false, headers: token ? { Cookie: `${tokenCookieName(host.port)}=${token}` } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        let cut = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => (cut = true));
        res.on('error', () => (cut = true));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), cut: cut || !res.complete }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('[#11.11] attached evidence can be opened or saved: GET ./evidence/<sha256>', () => {
  it('[#11.11] serves a stored file by its sha256 behind the per-launch token, to save by default, with an RFC 5987 filename*', async () => {
    const sha = await store(PDF, '受電設備 点検記録.pdf');
    expect((await get(`/evidence/${sha}`, { token: null })).status).toBe(401);
    expect((await get(`/evidence/${sha}`, { token: 'wrong-token-0123456789abcdefghijklmnopqrstuv' })).status).toBe(401);

    const saved = await get(`/evidence/${sha}?name=${encodeURIComponent('受電設備 点検記録.pdf')}`);
    expect(saved.status).toBe(200);
    expect(saved.body.equals(PDF)).toBe(true);
    expect(saved.headers['content-type']).toBe('application/pdf');
    expect(saved.headers['content-length']).toBe(String(PDF.length));
    expect(saved.headers['content-disposition']).toBe(
      `attachment; filename="____ ____.pdf"; filename*=UTF-8''${encodeURIComponent('受電設備 点検記録.pdf')}`,
    );
    expect(saved.headers['x-content-type-options']).toBe('nosniff');
    expect(saved.headers['content-security-policy']).toBe(FILE_CONTENT_SECURITY_POLICY);
    expect(FILE_CONTENT_SECURITY_POLICY).toContain('sandbox');
    expect(FILE_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(saved.headers['cache-control']).toBe('no-store');
    expect(saved.headers['cross-origin-resource-policy']).toBe('same-origin');

    // Shown in the browser's own viewer when asked, since PDF is inert.
    const shown = await get(`/evidence/${sha}?name=a.pdf&inline=1`);
    expect(shown.headers['content-disposition']).toBe(`inline; filename="a.pdf"; filename*=UTF-8''a.pdf`);
    // HEAD: the headers only, for the renderer to choose how to open it.
    const head = await get(`/evidence/${sha}?inline=1`, { method: 'HEAD' });
    expect([head.status, head.headers['content-type'], head.body.length]).toEqual([200, 'application/pdf', 0]);
    expect(head.headers['content-disposition']).toContain(`filename*=UTF-8''${sha}.pdf`);
  });

  it('[#11.11] the type comes from the bytes, never the name: HTML, SVG and other files are application/octet-stream and always attachments', async () => {
    const cases: [Buffer, string, string, 'inline' | 'attachment'][] = [
      [PNG, 'photo.html', 'image/png', 'inline'],
      [LOG, 'clamav.log', 'text/plain; charset=utf-8', 'inline'],
      [HTML, 'photo.png', 'application/octet-stream', 'attachment'],
      [SVG, 'diagram.svg', 'application/octet-stream', 'attachment'],
      [TEXT_WITH_HTML, 'memo.txt', 'application/octet-stream', 'attachment'],
      [EXE, 'report.pdf', 'application/octet-stream', 'attachment'],
    ];
    for (const [bytes, name, type, disposition] of cases) {
      const sha = await store(bytes, name);
      const got = await get(`/evidence/${sha}?name=${encodeURIComponent(name)}&inline=1`);
      expect([name, got.status, got.headers['content-type'], got.headers['content-disposition']?.split(';')[0]]).toEqual([name, 200, type, disposition]);
      expect(got.headers['x-content-type-options'], name).toBe('nosniff');
      expect(got.body.equals(bytes), name).toBe(true);
    }
  });

  it('[#11.11] finds files by sha256 only: unknown, malformed, traversing ids and bad queries are refused; other methods are not allowed', async () => {
    const sha = await store(LOG, 'scan.log');
    const unknown = 'f'.repeat(64);
    const statusOf = async (p: string, method?: string) => (await get(p, method ? { method } : {})).status;
    expect(await statusOf(`/evidence/${unknown}`)).toBe(404);
    expect(JSON.parse((await get(`/evidence/${unknown}`)).body.toString())).toEqual({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors.evidence.notFound', params: { sha256: unknown } },
    });
    expect(await statusOf(`/evidence/${sha.toUpperCase()}`)).toBe(404);
    expect(await statusOf(`/evidence/${sha.slice(0, 2)}/${sha}`)).toBe(404);
    expect(await statusOf(`/evidence/..%2F..%2Fhoan.sqlite3`)).toBe(404);
    expect(await statusOf(`/evidence/../hoan.sqlite3`)).toBe(404);
    expect(await statusOf(`/evidence/${sha}?path=/etc/passwd`)).toBe(400);
    expect(await statusOf(`/evidence/${sha}?inline=yes`)).toBe(400);
    expect(await statusOf(`/evidence/${sha}`, 'POST')).toBe(405);
    expect(await statusOf(`/evidence/${sha}`, 'DELETE')).toBe(405);
  });

  it('[#11.11] a name cannot break the header or name a path: quotes, backslashes, slashes and line breaks are neutralised', async () => {
    const sha = await store(PNG, 'x.png');
    const name = '..\\..\\evil "quoted"\r\nSet-Cookie: a=b/写真.png';
    const got = await get(`/evidence/${sha}?name=${encodeURIComponent(name)}`);
    expect(got.status).toBe(200);
    expect(got.headers['set-cookie']).toBeUndefined();
    const header = got.headers['content-disposition']!;
    expect(header).toBe(`attachment; filename=".._.._evil _quoted_ Set-Cookie: a=b___.png"; filename*=UTF-8''.._.._evil%20%22quoted%22%20Set-Cookie%3A%20a%3Db_${encodeURIComponent('写真')}.png`);
    expect(contentDisposition('attachment', "it's (1)*.txt")).toBe(`attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`);
  });

  it('[#11.11] a stored file that no longer matches its sha256 is cut off before its declared length, never served whole', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024, 0x41);
    const sha = await store(bytes, 'big.log');
    const file = evidenceFilePath(core.dataDir, sha);
    fs.chmodSync(file, 0o644);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 10] = 0x42;
    fs.writeFileSync(file, damaged);
    const got = await get(`/evidence/${sha}`);
    expect(got.status).toBe(200);
    expect(got.cut).toBe(true);
    expect(got.body.length).toBeLessThan(bytes.length);

    // The file gone from the data folder while still recorded: a clear message, not a crash.
    fs.rmSync(file);
    const gone = await get(`/evidence/${sha}`);
    expect(gone.status).toBe(500);
    expect(JSON.parse(gone.body.toString()).error.messageKey).toBe('errors.evidence.missingFile');
  });

  it('[#11.11] sniffing: signatures, UTF-8 text cut mid-character at the window, and binary', () => {
    expect(sniffEvidence(PNG).contentType).toBe('image/png');
    expect(sniffEvidence(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).contentType).toBe('image/jpeg');
    expect(sniffEvidence(Buffer.from('GIF89a\x01\x00', 'latin1')).contentType).toBe('image/gif');
    expect(sniffEvidence(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')).contentType).toBe('image/webp');
    const window = Buffer.from('あ'.repeat(30_000)).subarray(0, 64 * 1024);
    expect(sniffEvidence(window, false).kind).toBe('text');
    expect(sniffEvidence(window, true).kind).toBe('other');
    expect(sniffEvidence(Buffer.from([0x41, 0x00, 0x42])).kind).toBe('other');
    expect(sniffEvidence(Buffer.from('\uFEFF<?xml version="1.0"?><svg/>')).kind).toBe('other');
  });
});
