import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, Envelope } from '../../../electron/api/contract';
import { createRouter, type Router } from '../../../electron/api/router';
import { EXIT } from '../../../electron/cli/cli-io';
import { openCore, type Core } from '../../../electron/core/core';
import { runCli } from '../helpers/run-cli';
import { siteInput } from '../helpers/site-input';
import { setUpNames } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-text-input-');
let core: Core;
let router: Router;
let siteId: string;
let roundId: string;
let mediumId: string;
let deviceId: string;
let evidence: string;

function data<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data as T;
}
const call = async <T>(channel: ChannelName, input: unknown) => data<T>(await router.handle(channel, input));
const upload = (name: string) => router.upload('evidence', Readable.from([Buffer.from(`evidence ${randomUUID()}`)]), { name });

beforeAll(async () => {
  core = openCore({ dataDir: dirs.make(), now: () => new Date('2025-06-01T00:00:00.000Z') });
  setUpNames(core);
  router = createRouter(core, { log: () => undefined });
  siteId = (await call<{ id: string }>('sites:create', siteInput())).id;
  await call('sites:classify', { siteId, answers: { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: true } });
  roundId = (await call<{ id: string }>('assessment:create', { siteId, title: '年次点検' })).id;
  // 2-1 is 実施済 only with someone in the 体制 register (issue 14).
  await call('registers:saveParty', { siteId, role: 'owner', organisation: '株式会社テスト' });
  mediumId = (await call<{ id: string }>('media:create', { siteId, fields: { controlNo: 'USB-001', type: 'usb_stick' } })).id;
  deviceId = randomUUID();
  core.db.prepare(`INSERT INTO devices (id, site_id, asset_id, created_at, updated_at) VALUES (?, ?, 'PLC-01', '', '')`).run(deviceId, siteId);
  evidence = data<{ sha256: string }>(await upload('scan.log')).sha256;
});
afterAll(() => {
  core.close();
  dirs.cleanup();
});

type Result = Record<string, unknown>;

interface Field {
  /** What the test calls it: the field and the channel. */
  name: string;
  send(value: string): Promise<Envelope<unknown>>;
  /** The path the refusal names. */
  path: string;
  /** The value as stored, from the channel's result. */
  read(result: Result): unknown;
}

const channel = (ch: ChannelName, name: string, input: (v: string) => unknown, path: string, read: (r: Result) => unknown): Field => ({
  name: `${ch} ${name}`,
  send: (v) => router.handle(ch, input(v)),
  path,
  read,
});

const checkIn = (over: Record<string, unknown>) => ({ siteId, mediumId, person: '山田', purpose: '点検', method: 'none', exception: { reason: '緊急', approver: '主任' }, ...over });
const risk = (over: Record<string, unknown>) => ({ roundId, fields: { assetType: 'control_system', assetName: '監視PC', threat: 'malware_media', likelihood: 3, impact: 4, ...over } });
const item = (over: Record<string, unknown>) => ({ roundId, itemId: '2-1', decision: { status: 'implemented', necessity: null, ...over } });

/** Names and labels shown to people: one line. */
const SINGLE_LINE: Field[] = [
  channel('sites:create', 'name', (v) => siteInput({ name: v }), 'name', (r) => r.name),
  channel('sites:create', 'ownerName', (v) => siteInput({ ownerName: v }), 'ownerName', (r) => r.ownerName),
  channel('sites:update', 'contractorName', (v) => ({ id: siteId, fields: siteInput({ contractorName: v }) }), 'fields.contractorName', (r) => r.contractorName),
  channel('settings:update', 'userName', (v) => ({ userName: v }), 'userName', (r) => r.userName),
  channel('keys:rename', 'name', (v) => ({ name: v }), 'name', (r) => r.name),
  channel('assessment:create', 'title', (v) => ({ siteId, title: v }), 'title', (r) => r.title),
  channel('assessment:updateItem', 'reviewer', (v) => item({ reviewer: v }), 'decision.reviewer', (r) => (r.decision as Result).reviewer),
  channel('assessment:attach', 'name', (v) => ({ roundId, itemId: '2-1', sha256: evidence, name: v }), 'name', (r) => (r.evidence as Result[]).at(-1)!.name),
  channel('risks:create', 'assetName', (v) => risk({ assetName: v }), 'fields.assetName', (r) => r.assetName),
  channel('media:create', 'controlNo', (v) => ({ siteId, fields: { controlNo: v, type: 'usb_stick' } }), 'fields.controlNo', (r) => r.controlNo),
  channel('media:update', 'ownerPerson', (v) => ({ id: mediumId, fields: { controlNo: 'USB-001', type: 'usb_stick', ownerPerson: v } }), 'fields.ownerPerson', (r) => r.ownerPerson),
  channel('media:checkIn', 'person', (v) => checkIn({ person: v }), 'person', (r) => r.person),
  channel('media:checkIn', 'company', (v) => checkIn({ company: v }), 'company', (r) => r.company),
  channel('media:checkIn', 'purpose', (v) => checkIn({ purpose: v }), 'purpose', (r) => r.purpose),
  channel('media:checkIn', 'approver', (v) => checkIn({ exception: { reason: '緊急', approver: v } }), 'exception.approver', (r) => r.approver),
  channel('regulation:save', 'responsible', (v) => ({ siteId, text: '第X条', responsible: v }), 'responsible', (r) => r.responsible),
  channel('inventory:check', 'newLocation', (v) => ({ siteId, deviceId, status: 'moved', checkedOn: '2025-06-01', newLocation: v }), 'newLocation', (r) => r.newLocation),
  {
    name: 'evidence upload name',
    send: (v) => upload(v),
    path: 'name',
    read: (r) => r.name,
  },
];

/** Reasons, notes, measures: line breaks kept. */
const MULTI_LINE: Field[] = [
  channel('assessment:updateItem', 'reason', (v) => item({ reason: v }), 'decision.reason', (r) => (r.decision as Result).reason),
  channel('risks:create', 'plannedMeasures', (v) => risk({ plannedMeasures: v }), 'fields.plannedMeasures', (r) => r.plannedMeasures),
  channel('media:checkIn', 'exception reason', (v) => checkIn({ exception: { reason: v, approver: '主任' } }), 'exception.reason', (r) => r.exceptionReason),
  channel('regulation:save', 'text', (v) => ({ siteId, text: v }), 'text', (r) => r.text),
  channel('inventory:check', 'note', (v) => ({ siteId, deviceId, status: 'confirmed', checkedOn: '2025-06-01', note: v }), 'note', (r) => r.note),
];

const REFUSED: [value: string, messageKey: string, params: Record<string, string | number>][] = [
  ['a\u0007b', 'errors.field.controlCharacter', { char: 'U+0007', position: 2 }],
  ['色\u001b[31m', 'errors.field.controlCharacter', { char: 'U+001B', position: 2 }],
  ['😀\u0000', 'errors.field.controlCharacter', { char: 'U+0000', position: 2 }],
  ['x\u009by', 'errors.field.controlCharacter', { char: 'U+009B', position: 2 }],
  ['report\u202Efdp.exe', 'errors.field.bidiControl', { char: 'U+202E', position: 7 }],
  ['a\u2066b', 'errors.field.bidiControl', { char: 'U+2066', position: 2 }],
  ['a\ud800', 'errors.field.brokenCharacter', { char: 'U+D800', position: 2 }],
];

async function expectRefused(field: Field, value: string, messageKey: string, params: Record<string, string | number>) {
  const envelope = await field.send(value);
  expect(envelope.ok, `${field.name} accepted ${JSON.stringify(value)}`).toBe(false);
  if (envelope.ok) return;
  expect(envelope.error.code).toBe('validation');
  expect(envelope.error.fields).toContainEqual({ path: field.path, messageKey, params });
}

describe('[#10.3] one rule for text at the boundary', () => {
  it('[#10.3] single-line names fold CR, LF, tab, NEL, U+2028 and U+2029 to a space, and trim', async () => {
    for (const field of SINGLE_LINE) {
      const result = data<Result>(await field.send(' 北関東\r\nソーラー\u2028第\u20292\t号\u0085機 '));
      expect(field.read(result), field.name).toBe('北関東 ソーラー 第 2 号 機');
    }
  });

  it('[#10.3] single-line names refuse other control characters, direction overrides and isolates, and broken characters, saying which and where', async () => {
    for (const field of SINGLE_LINE) for (const [value, key, params] of REFUSED) await expectRefused(field, value, key, params);
  });

  it('[#10.3] multi-line text keeps LF and tabs, turns CRLF, CR, NEL, U+2028 and U+2029 into LF, and refuses the rest the same way', async () => {
    for (const field of MULTI_LINE) {
      const result = data<Result>(await field.send('一行目\r\n二行目\r三\u2028四\u2029五\u0085六\t列 '));
      expect(field.read(result), field.name).toBe('一行目\n二行目\n三\n四\n五\n六\t列');
      for (const [value, key, params] of REFUSED) await expectRefused(field, value, key, params);
    }
  });

  it('[#10.3] names from outside with nobody to ask (host names, file names on disk) are folded and cleaned, never refused', async () => {
    const { toSingleLine } = await import('../../../electron/core/text-schema');
    expect(toSingleLine(' host\r\nname\u202e\u0007\ud800 ', 100)).toBe('host name\ufffd');
    expect(toSingleLine(`${'x'.repeat(99)}😀`, 100)).toBe('x'.repeat(99));
  });

  it('[#10.3] the CLI paths that reach core without the router use the same rule (inventory import --save-mapping)', async () => {
    const dataDir = dirs.make();
    const site = JSON.parse((await runCli(['sites', 'add', '--name', '南変電所', '--region', 'kinki', '--json', '--data-dir', dataDir])).stdout) as { id: string };
    const csv = path.join(dirs.make(), 'devices.csv');
    fs.writeFileSync(csv, '管理番号,機器名,設置場所\nPC-01,監視PC,電気室\n');
    const refused = await runCli(['inventory', 'import', csv, '--site', site.id, '--save-mapping', 'vendor\u202e', '--lang', 'en', '--data-dir', dataDir]);
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).toContain('--save-mapping: Contains a character that changes the direction of the text (U+202E, character 7)');
    const saved = await runCli(['inventory', 'import', csv, '--site', site.id, '--save-mapping', 'vendor\u2028A', '--json', '--data-dir', dataDir]);
    expect(saved.code, saved.stderr).toBe(EXIT.ok);
    expect(JSON.parse(saved.stdout)).toMatchObject({ profile: { name: 'vendor A' } });
  });
});
