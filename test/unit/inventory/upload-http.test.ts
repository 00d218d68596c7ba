import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import type { Core } from '../../../electron/core/core';
import { uploadsDir } from '../../../electron/core/inventory/upload-store';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host';
import { csvText } from '../helpers/spreadsheet-files';
import { inventoryKit } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-http-');
const TOKEN = 'inventory-upload-token-0123456789abcdefghijkl';
let core: Core;
let siteId: string;
let host: WebHost;

beforeEach(async () => {
  ({ core, siteId } = kit.open());
  const rendererDir = kit.dirs.make();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startWebHost({ router: createRouter(core), rendererDir, token: TOKEN });
});

afterEach(async () => {
  await host.close();
  kit.cleanup();
});

function post(pathname: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: pathname, headers: { Host: `127.0.0.1:${host.port}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text.startsWith('{') ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const api = (channel: string, input: unknown) => post(`/api/${channel}`, JSON.stringify(input), { ...auth, 'Content-Type': 'application/json' });

describe('POST /upload/inventory on the web host', () => {
  it('streams the file to the data folder, then the API previews and commits it by upload id', async () => {
    const csv = csvText([['管理番号', '機器名'], ['A-1', 'PLC'], ['A-2', 'HMI']]);
    const reply = await post('/upload/inventory', csv, { ...auth, 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': encodeURIComponent('機器台帳.csv') });
    expect(reply.status).toBe(200);
    const data = (reply.json as { ok: true; data: { uploadId: string; name: string; size: number } }).data;
    expect(data).toMatchObject({ name: '機器台帳.csv', size: Buffer.byteLength(csv) });
    expect(fs.readFileSync(path.join(uploadsDir(core.dataDir), data.uploadId), 'utf8')).toBe(csv);

    const started = (await api('inventory:preview', { siteId, uploadId: data.uploadId })).json as { data: { jobId: string } };
    let status: { state: string };
    do {
      status = ((await api('inventory:progress', { jobId: started.data.jobId })).json as { data: { state: string } }).data;
    } while (status.state === 'running');
    expect(status).toMatchObject({ state: 'done', preview: { validRows: 2 } });
    const committed = await api('inventory:commit', { jobId: started.data.jobId });
    expect(committed).toMatchObject({ status: 200, json: { ok: true, data: { batch: { counts: { created: 2 } } } } });
    expect(fs.readdirSync(uploadsDir(core.dataDir))).toEqual([]);
  });

  it('needs the token like the API, and refuses a file over 200 MB from its declared size', async () => {
    const noToken = await post('/upload/inventory', 'a,b\n', { 'X-Hoan-File-Name': 'a.csv' });
    expect(noToken.status).toBe(401);
    const huge = await post('/upload/inventory', 'x', { ...auth, 'X-Hoan-File-Name': 'big.csv', 'Content-Length': String(201 * 1024 * 1024) });
    expect(huge).toEqual({ status: 413, json: { ok: false, error: { code: 'payload_too_large', messageKey: 'errors.inventory.tooLarge', params: { file: 'big.csv', maxMb: 200 } } } });
    expect(fs.existsSync(uploadsDir(core.dataDir)) ? fs.readdirSync(uploadsDir(core.dataDir)) : []).toEqual([]);
  });

  it('answers a preview of an unknown upload with a message, not a crash', async () => {
    const reply = await api('inventory:preview', { siteId, uploadId: '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f' });
    expect(reply).toEqual({ status: 404, json: { ok: false, error: { code: 'not_found', messageKey: 'errors.inventory.uploadNotFound' } } });
  });
});
