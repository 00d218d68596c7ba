import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../electron/api/contract';
import { createRouter, type Router } from '../../../electron/api/router';
import { openCore, type Core } from '../../../electron/core/core';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-first-run-');
let core: Core;
let router: Router;

beforeEach(() => {
  core = openCore({ dataDir: dirs.make(), now: () => new Date('2026-04-01T00:00:00.000Z') });
  router = createRouter(core, { log: (err) => { throw err; } });
});

afterEach(() => {
  core.close();
  dirs.cleanup();
});

const rows = (table: string) => core.db.prepare(`SELECT * FROM ${table}`).all();
const call = (channel: string, input: unknown) => router.handle(channel, input) as Promise<Envelope<unknown>>;

describe('[#11.9] first run: the user\'s name and the installation\'s name', () => {
  it('[#11.9] a new data folder has neither name (not the host name), and says setup is needed', async () => {
    expect(await call('setup:get', {})).toEqual({ ok: true, data: { userName: '', installationName: '', complete: false } });
    expect(core.db.prepare('SELECT name FROM installation').get()).not.toEqual({ name: os.hostname() });
  });

  it('[#11.9] a write that records who made it is refused while no name is saved, and writes nothing', async () => {
    const before = { sites: rows('sites'), audit: rows('audit_log') };
    expect(await call('sites:create', siteInput())).toEqual({ ok: false, error: { code: 'validation', messageKey: 'errors.noUserName' } });
    expect({ sites: rows('sites'), audit: rows('audit_log') }).toEqual(before);
  });

  it('[#11.9] setup:save keeps both names in one step; every write then records the user; settings cannot clear the name', async () => {
    const blank = await call('setup:save', { userName: '  ', installationName: '' });
    expect(blank).toEqual({
      ok: false,
      error: {
        code: 'validation',
        messageKey: 'errors.validation',
        fields: [
          { path: 'userName', messageKey: 'errors.field.required' },
          { path: 'installationName', messageKey: 'errors.field.required' },
        ],
      },
    });
    expect(rows('settings')).toEqual([]);

    expect(await call('setup:save', { userName: '山田 太郎', installationName: '北関東事業所 保安PC' })).toEqual({
      ok: true,
      data: { userName: '山田 太郎', installationName: '北関東事業所 保安PC', complete: true },
    });
    expect(core.db.prepare('SELECT name FROM installation').get()).toEqual({ name: '北関東事業所 保安PC' });
    const created = await call('sites:create', siteInput());
    expect(created.ok).toBe(true);
    expect(core.db.prepare('SELECT user_name FROM audit_log').all()).toEqual([{ user_name: '山田 太郎' }]);

    expect(await call('settings:update', { userName: ' ' })).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'errors.validation', fields: [{ path: 'userName', messageKey: 'errors.field.required' }] },
    });
    expect(await call('settings:update', { userName: '佐藤 花子' })).toMatchObject({ ok: true, data: { userName: '佐藤 花子' } });
  });
});
