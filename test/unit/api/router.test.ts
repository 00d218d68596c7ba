import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName, type Envelope, type ErrorShape } from '../../../electron/api/contract';
import { createRouter, type Router } from '../../../electron/api/router';
import { openCore, type Core } from '../../../electron/core/core';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { latestSchemaVersion } from '../../../electron/core/db/migrate';
import { REGION_IDS } from '../../../electron/core/reference/region-types';
import type { Site, SiteFieldsInput } from '../../../electron/core/sites/site-schema';
import type { Classification, SiteDetail, SiteSummary } from '../../../electron/api/contract/results';
import { siteInput } from '../helpers/site-input';
import { inventoryHappyPaths } from './inventory-happy-paths';
import { bundleHappyPaths } from './bundle-happy-paths';
import { advisoriesHappyPaths } from './advisories-happy-paths';
import { triageHappyPaths } from './triage-happy-paths';
import { registersHappyPaths } from './registers-happy-paths';
import { definitionsHappyPaths } from './definitions-happy-paths';
import { advisoryMatchingHappyPaths } from './advisory-matching-happy-paths';
import { mediaHappyPaths } from './media-happy-paths';
import { setUpNames, TEST_INSTALLATION, TEST_USER } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-router-');
const PACKAGE_VERSION = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;

const T0 = new Date('2025-04-01T09:00:00.000Z');
const T1 = new Date('2025-04-02T10:30:00.000Z');
const MISSING_ID = '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

let core: Core;
let router: Router;
let clock: Date;
let logged: unknown[];

beforeEach(() => {
  clock = T0;
  logged = [];
  core = openCore({ dataDir: dirs.make(), now: () => clock });
  setUpNames(core);
  router = createRouter(core, { log: (err) => logged.push(err) });
});

afterEach(() => {
  if (core.db.open) core.close();
  dirs.cleanup();
});

function data<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data as T;
}

function count(table: string): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Everything a bad request could have touched. */
function snapshot() {
  const wal = `${core.dbPath}-wal`;
  return {
    counts: { sites: count('sites'), classifications: count('classifications'), settings: count('settings') },
    sites: core.db.prepare('SELECT * FROM sites ORDER BY id').all(),
    classifications: core.db.prepare('SELECT * FROM classifications ORDER BY id').all(),
    settings: core.db.prepare('SELECT * FROM settings ORDER BY key').all(),
    totalChanges: core.db.prepare('SELECT total_changes() AS n').get(),
    walBytes: fs.existsSync(wal) ? fs.statSync(wal).size : 0,
    dataDirFiles: fs.readdirSync(core.dataDir).sort(),
  };
}

describe('happy paths', () => {
  const exercised = new Set<string>();

  async function call<T>(channel: ChannelName, input?: unknown): Promise<T> {
    const result = data<T>(await router.handle(channel, input));
    exercised.add(channel);
    return result;
  }

  async function createClassified(overrides: Partial<SiteFieldsInput> = {}) {
    const site = await call<Site>('sites:create', siteInput(overrides));
    const classification = await call<Classification>('sites:classify', {
      siteId: site.id,
      answers: { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: true },
    });
    return { site, classification };
  }


  async function startRound(): Promise<{ siteId: string; roundId: string }> {
    const { site } = await createClassified();
    const round = await call<{ id: string }>('assessment:create', { siteId: site.id, title: '2025年度 年次点検' });
    return { siteId: site.id, roundId: round.id };
  }

  async function upload(text: string, name: string): Promise<{ sha256: string; name: string }> {
    const { Readable } = await import('node:stream');
    const result = data<{ sha256: string; name: string }>(await router.upload('evidence', Readable.from([Buffer.from(text)]), { name }));
    return { sha256: result.sha256, name: result.name };
  }

  function checklistHappyPaths() {
    return {
      'catalogue:list': async () => {
        const list = await call<{ framework: string; version: string }[]>('catalogue:list', {});
        expect(list.map((c) => [c.framework, c.version])).toEqual([['jikayo-gl', '2022.10-deck.2']]);
      },
      'catalogue:previewImport': async () => {
        const c = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../resources/catalogue/jikayo-gl.json'), 'utf8'));
        const file = await upload(JSON.stringify({ ...c, version: '2024.04', revision: c.revision + 1 }), 'catalogue.json');
        const diff = await call<{ added: unknown[]; changed: unknown[]; removed: unknown[]; to: { version: string } }>('catalogue:previewImport', file);
        expect(diff).toMatchObject({ added: [], changed: [], removed: [], to: { version: '2024.04' } });
      },
      'catalogue:applyImport': async () => {
        const c = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../resources/catalogue/jikayo-gl.json'), 'utf8'));
        const file = await upload(JSON.stringify({ ...c, version: '2024.04', revision: c.revision + 1 }), 'catalogue.json');
        await call('catalogue:applyImport', file);
        expect((await call<{ version: string }[]>('catalogue:list', {})).map((x) => x.version)).toEqual(['2024.04']);
      },
      'assessment:create': async () => {
        const { roundId } = await startRound();
        expect(count('assessment_items')).toBe(32);
        expect(roundId).toMatch(/^[0-9a-f-]{36}$/);
      },
      'assessment:list': async () => {
        const { siteId } = await startRound();
        expect((await call<{ title: string }[]>('assessment:list', { siteId })).map((r) => r.title)).toEqual(['2025年度 年次点検']);
      },
      'assessment:get': async () => {
        const { roundId } = await startRound();
        const detail = await call<{ items: { id: string; level: string }[] }>('assessment:get', { roundId });
        expect(detail.items.find((i) => i.id === '8-1-3')!.level).toBe('kankoku');
      },
      'assessment:updateItem': async () => {
        const { roundId } = await startRound();
        const item = await call<{ state: string }>('assessment:updateItem', {
          roundId,
          itemId: '8-1-3',
          decision: { status: 'implemented', necessity: 'needed', measures: '持込前スキャン' },
        });
        expect(item.state).toBe('implemented');
      },
      'assessment:attach': async () => {
        const { roundId } = await startRound();
        const file = await upload('scan ok', 'scan.log');
        const item = await call<{ evidence: { name: string }[] }>('assessment:attach', { roundId, itemId: '8-1-3', ...file });
        expect(item.evidence.map((e) => e.name)).toEqual(['scan.log']);
      },
      'assessment:detach': async () => {
        const { roundId } = await startRound();
        const file = await upload('scan ok', 'scan.log');
        await call('assessment:attach', { roundId, itemId: '8-1-3', ...file });
        const item = await call<{ evidence: unknown[] }>('assessment:detach', { roundId, itemId: '8-1-3', sha256: file.sha256 });
        expect(item.evidence).toEqual([]);
      },
      'assessment:complete': async () => {
        const { roundId, siteId } = await startRound();
        // 2-1, 2-2, 6-2-2, 6-2-3, 10-2 and 10-3 are 実施済 only with their registers filled (issue 14).
        const party = await call<{ id: string }>('registers:saveParty', { siteId, role: 'security_manager', personName: '佐藤 花子' });
        await call('registers:saveContacts', { siteId, steps: [{ partyId: party.id, note: '' }] });
        await call('registers:savePoint', { siteId, name: '遠隔監視回線', kind: 'remote_monitoring', insideZone: 'monitoring', medium: 'lte', insideAssets: [], defences: [{ kind: 'firewall', note: '' }] });
        const detail = await call<{ items: { id: string }[] }>('assessment:get', { roundId });
        for (const { id } of detail.items) {
          await call('assessment:updateItem', { roundId, itemId: id, decision: { status: 'implemented', necessity: 'needed' } });
        }
        expect(await call('assessment:complete', { roundId })).toMatchObject({ completedAt: T0.toISOString() });
      },
      'assessment:itemHistory': async () => {
        const { roundId } = await startRound();
        await call('assessment:updateItem', { roundId, itemId: '2-3', decision: { status: 'implemented', necessity: null } });
        const history = await call<{ changes: unknown[] }[]>('assessment:itemHistory', { roundId, itemId: '2-3' });
        expect(history[0]!.changes).toEqual([{ field: 'status', old: null, new: 'implemented' }]);
      },
      'assessment:exportXlsx': async () => {
        const { roundId } = await startRound();
        const file = await call<{ fileName: string; base64: string }>('assessment:exportXlsx', { roundId });
        expect(file.fileName).toBe('第一太陽光発電所_2025年度 年次点検_チェックリスト.xlsx');
        // An xlsx is a zip.
        expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
      },
      'risks:create': async () => {
        const { roundId } = await startRound();
        const risk = await call<{ level: string }>('risks:create', {
          roundId,
          fields: { assetType: 'terminal', assetName: '監視PC', threat: 'malware_terminal', likelihood: 2, impact: 3 },
        });
        expect(risk.level).toBe('low');
      },
      'risks:list': async () => {
        const { roundId } = await startRound();
        await call('risks:create', { roundId, fields: { assetType: 'terminal', assetName: '監視PC', threat: 'malware_terminal', likelihood: 2, impact: 3 } });
        expect((await call<{ assetName: string }[]>('risks:list', { roundId })).map((r) => r.assetName)).toEqual(['監視PC']);
      },
      'risks:update': async () => {
        const { roundId } = await startRound();
        const risk = await call<{ id: string }>('risks:create', { roundId, fields: { assetType: 'terminal', assetName: '監視PC', threat: 'malware_terminal', likelihood: 2, impact: 3 } });
        const updated = await call<{ level: string }>('risks:update', {
          id: risk.id,
          fields: { assetType: 'terminal', assetName: '監視PC', threat: 'malware_terminal', likelihood: 5, impact: 4 },
        });
        expect(updated.level).toBe('high');
      },
      'risks:remove': async () => {
        const { roundId } = await startRound();
        const risk = await call<{ id: string }>('risks:create', { roundId, fields: { assetType: 'terminal', assetName: '監視PC', threat: 'malware_terminal', likelihood: 2, impact: 3 } });
        expect(await call('risks:remove', { id: risk.id })).toEqual({ done: true });
        expect(await call('risks:list', { roundId })).toEqual([]);
      },
      'dashboard:site': async () => {
        const { siteId } = await startRound();
        expect(await call('dashboard:site', { siteId })).toMatchObject({ siteId, risks: { high: 0, medium: 0, low: 0 }, round: { summary: { unconsidered: 32 } } });
      },
      'regulation:draft': async () => {
        const { site } = await createClassified();
        const draft = await call<{ text: string }>('regulation:draft', { siteId: site.id, responsible: '山田' });
        expect(draft.text.split('\n')[0]).toBe('（サイバーセキュリティの確保）');
      },
      'regulation:save': async () => {
        const { site } = await createClassified();
        expect(await call('regulation:save', { siteId: site.id, text: '第○条　…', adoptedOn: '2025-04-01' })).toMatchObject({ adoptedOn: '2025-04-01' });
      },
      'report:html': async () => {
        const { siteId } = await startRound();
        const { html } = await call<{ html: string }>('report:html', { siteId, from: '2025-04-01', to: '2025-04-30' });
        expect(html).toContain('<h1>第一太陽光発電所</h1>');
      },
      'report:xlsx': async () => {
        const { siteId } = await startRound();
        const file = await call<{ fileName: string; base64: string }>('report:xlsx', { siteId, from: '2025-04-01', to: '2025-04-30' });
        expect(file.fileName).toBe('第一太陽光発電所_立入検査報告書_2025-04-01_2025-04-30.xlsx');
        expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
      },
      'regulation:list': async () => {
        const { site } = await createClassified();
        await call('regulation:save', { siteId: site.id, text: '第○条　…' });
        expect((await call<{ text: string }[]>('regulation:list', { siteId: site.id })).map((p) => p.text)).toEqual(['第○条　…']);
      },
      'dashboard:overview': async () => {
        await startRound();
        expect((await call<{ name: string }[]>('dashboard:overview', {})).map((r) => r.name)).toEqual(['第一太陽光発電所']);
      },
    } satisfies Partial<Record<ChannelName, () => Promise<void>>>;
  }

  const happy: Record<ChannelName, () => Promise<void>> = {
    'app:info': async () => {
      expect(await call('app:info', {})).toEqual({
        version: PACKAGE_VERSION,
        dataDir: core.dataDir,
        dbPath: path.join(core.dataDir, DB_FILE_NAME),
        schemaVersion: latestSchemaVersion(),
      });
      // No input at all is the same as an empty object.
      expect(await call('app:info')).toEqual(await call('app:info', {}));
    },

    'settings:get': async () => {
      expect(await call('settings:get', {})).toEqual({ language: 'ja', calendar: 'gregorian', timeZone: 'Asia/Tokyo', userName: TEST_USER, evidenceMaxMb: 200 });
    },

    'setup:get': async () => {
      expect(await call('setup:get', {})).toEqual({ userName: TEST_USER, installationName: TEST_INSTALLATION, complete: true });
    },

    'setup:save': async () => {
      expect(await call('setup:save', { userName: ' 山田 太郎 ', installationName: '北関東事業所 保安PC' })).toEqual({
        userName: '山田 太郎',
        installationName: '北関東事業所 保安PC',
        complete: true,
      });
      expect((await call<{ name: string }>('keys:show', {})).name).toBe('北関東事業所 保安PC');
    },

    'settings:update': async () => {
      const updated = await call('settings:update', { language: 'en', userName: '  山田 太郎  ' });
      expect(updated).toEqual({ language: 'en', calendar: 'gregorian', timeZone: 'Asia/Tokyo', userName: '山田 太郎', evidenceMaxMb: 200 });
      expect(await call('settings:update', { calendar: 'japanese', evidenceMaxMb: 500, timeZone: 'America/New_York' })).toEqual({
        language: 'en',
        calendar: 'japanese',
        timeZone: 'America/New_York',
        userName: '山田 太郎',
        evidenceMaxMb: 500,
      });
      expect(await call('settings:get')).toEqual({ language: 'en', calendar: 'japanese', timeZone: 'America/New_York', userName: '山田 太郎', evidenceMaxMb: 500 });
      expect(count('settings')).toBe(5);
    },

    'reference:regions': async () => {
      const regions = await call<{ id: string; phone: string; nameJa: string }[]>('reference:regions', {});
      expect(regions.map((r) => r.id)).toEqual([...REGION_IDS]);
      for (const r of regions) expect(r.phone).toMatch(/^\d{2,4}-\d{2,4}-\d{4}$/);
      // A caller mutating its copy does not change the next answer.
      regions.pop();
      expect(await call<unknown[]>('reference:regions', {})).toHaveLength(REGION_IDS.length);
    },

    'sites:create': async () => {
      const site = await call<Site>('sites:create', {
        name: '  北工場  ',
        region: 'hokkaido',
        gridConnected: false,
        reversePowerFlow: false,
        hasRemoteMonitoring: true,
        hasControlSystem: false,
        installationType: 'new',
      });
      expect(site).toEqual({
        id: site.id,
        name: '北工場',
        address: '',
        ownerName: '',
        contractorName: '',
        region: 'hokkaido',
        receivingVoltageV: null,
        generationCapacityKw: null,
        gridConnected: false,
        reversePowerFlow: false,
        hasRemoteMonitoring: true,
        hasControlSystem: false,
        installationType: 'new',
        lastSystemChangeDate: null,
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        archivedAt: null,
      });
      expect(count('sites')).toBe(1);
    },

    'sites:list': async () => {
      expect(await call('sites:list', {})).toEqual([]);
      const { site, classification } = await createClassified({ name: 'Alpha' });
      const other = await call<Site>('sites:create', siteInput({ name: 'Beta' }));
      await call('sites:archive', { id: other.id });

      expect(await call<SiteSummary[]>('sites:list', {})).toEqual([
        { ...site, classification: { result: 'A', classifiedAt: classification.classifiedAt } },
      ]);
      const all = await call<SiteSummary[]>('sites:list', { includeArchived: true });
      expect(all.map((s) => [s.name, s.classification?.result ?? null])).toEqual([
        ['Alpha', 'A'],
        ['Beta', null],
      ]);
    },

    'sites:get': async () => {
      const { site, classification } = await createClassified({ region: 'kyushu' });
      const detail = await call<SiteDetail>('sites:get', { id: site.id });
      expect(detail.site).toEqual(site);
      expect(detail.region.id).toBe('kyushu');
      expect(detail.classifications).toEqual([classification]);
      expect(detail.suggestedAnswers).toEqual({
        hasRemoteMonitoring: true,
        hasControlSystem: false,
        hasGeneration: true,
        sellsSurplus: true,
      });
      expect(detail.classificationStale).toBe(false);

      // The facts change so that the answers differ: the 区分 is stale until re-classified.
      await call('sites:update', { id: site.id, fields: siteInput({ region: 'kyushu', reversePowerFlow: false }) });
      const after = await call<SiteDetail>('sites:get', { id: site.id });
      expect(after.suggestedAnswers.sellsSurplus).toBe(false);
      expect(after.classificationStale).toBe(true);
    },

    'sites:update': async () => {
      const site = await call<Site>('sites:create', siteInput());
      clock = T1;
      const fields = siteInput({ name: '改名後', contractorName: '新しい受託者', lastSystemChangeDate: '2023-02-01' });
      const updated = await call<Site>('sites:update', { id: site.id, fields });
      expect(updated).toEqual({ ...site, ...fields, updatedAt: T1.toISOString() });
      expect(data(await router.handle('sites:get', { id: site.id }))).toMatchObject({ site: updated });
    },

    'sites:archive': async () => {
      const site = await call<Site>('sites:create', siteInput());
      clock = T1;
      const archived = await call<Site>('sites:archive', { id: site.id });
      expect(archived).toEqual({ ...site, archivedAt: T1.toISOString(), updatedAt: T1.toISOString() });
      expect(await call('sites:list', {})).toEqual([]);
    },

    'sites:restore': async () => {
      const site = await call<Site>('sites:create', siteInput());
      await call('sites:archive', { id: site.id });
      clock = T1;
      const restored = await call<Site>('sites:restore', { id: site.id });
      expect(restored).toEqual({ ...site, archivedAt: null, updatedAt: T1.toISOString() });
      expect((await call<Site[]>('sites:list', {})).map((s) => s.id)).toEqual([site.id]);
    },

    'sites:classify': async () => {
      await call('settings:update', { userName: '佐藤' });
      const site = await call<Site>('sites:create', siteInput({ installationType: 'existing', lastSystemChangeDate: null }));
      clock = T1;
      const c = await call<Classification>('sites:classify', {
        siteId: site.id,
        answers: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: false },
      });
      expect(c).toEqual({
        id: c.id,
        siteId: site.id,
        result: 'C',
        answers: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: false, sellsSurplus: null },
        reasons: [{ key: 'classification.reason.hasBothSystems' }, { key: 'classification.reason.noGeneration' }],
        transitional: true,
        classifiedAt: T1.toISOString(),
        classifiedBy: '佐藤',
      });
      expect(count('classifications')).toBe(1);
    },

    'classification:preview': async () => {
      const before = snapshot();
      expect(
        await call('classification:preview', {
          answers: { hasRemoteMonitoring: false, hasControlSystem: true, hasGeneration: true, sellsSurplus: false },
        }),
      ).toEqual({
        result: 'B',
        reasons: [{ key: 'classification.reason.hasControlSystem' }, { key: 'classification.reason.selfConsumption' }],
      });
      expect(await call('classification:preview', { answers: { hasRemoteMonitoring: false, hasControlSystem: false } })).toEqual({
        result: 'out_of_scope',
        reasons: [{ key: 'classification.reason.noSystems' }],
      });
      // A preview records nothing.
      expect(snapshot()).toEqual(before);
    },

    'db:backup': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const result = await call<{ path: string; bytes: number }>('db:backup', {});
      expect(result.path).toBe(path.join(core.dataDir, 'backups', 'hoan-20250401-180000-000.sqlite3'));
      expect(result.bytes).toBe(fs.statSync(result.path).size);

      // A self-contained file: rollback journal, so it opens read-only with no -wal/-shm beside it.
      const copy = new Database(result.path, { fileMustExist: true, readonly: true });
      try {
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
        expect(copy.prepare('SELECT id, name FROM sites').all()).toEqual([{ id: site.id, name: site.name }]);
      } finally {
        copy.close();
      }

      // Same instant, same name: refused rather than overwritten.
      expect(await router.handle('db:backup', {})).toEqual({
        ok: false,
        error: { code: 'conflict', messageKey: 'errors.backupExists', params: { path: result.path } },
      });
      clock = T1;
      const second = await call<{ path: string }>('db:backup', {});
      expect(fs.readdirSync(path.dirname(second.path)).sort()).toEqual([
        'hoan-20250401-180000-000.sqlite3',
        'hoan-20250402-193000-000.sqlite3',
      ]);
    },

    'db:integrity': async () => {
      // A core no host has started the check on (the CLI's): nothing known yet.
      expect(await call('db:integrity', {})).toEqual({ state: 'not_started', startedAt: null, finishedAt: null, details: [], reason: '' });
      core.integrity.start();
      expect(await call('db:integrity', {})).toMatchObject({ state: 'running', startedAt: T0.toISOString() });
      await core.integrity.finished();
      expect(await call('db:integrity', {})).toEqual({ state: 'ok', startedAt: T0.toISOString(), finishedAt: T0.toISOString(), details: [], reason: '' });
    },

    ...checklistHappyPaths(),
    ...mediaHappyPaths({ call, upload }),
    ...bundleHappyPaths({ call, upload: (kind, body, meta) => router.upload(kind, body, meta) }),
    ...inventoryHappyPaths({ call, upload: (kind, body, meta) => router.upload(kind, body, meta) }),
    ...definitionsHappyPaths({ call }),
    ...advisoriesHappyPaths({ call }),
    ...advisoryMatchingHappyPaths({ call, core: () => core }),
    ...triageHappyPaths({ call, upload: (kind, body, meta) => router.upload(kind, body, meta), startRound }),
    ...registersHappyPaths({ call, startRound, upload }),
  };

  it('has a happy-path test for every channel of the contract', () => {
    expect(Object.keys(happy).sort()).toEqual([...CHANNELS].sort());
    expect(router.channels).toEqual(CHANNELS);
  });

  for (const channel of CHANNELS) {
    it(channel, async () => {
      await happy[channel]();
      expect(exercised.has(channel)).toBe(true);
    });
  }

  it('called every channel successfully', () => {
    expect([...exercised].sort()).toEqual([...CHANNELS].sort());
  });
});

describe('bad input', () => {
  let seeded: { site: Site; classification: Classification };

  beforeEach(async () => {
    await router.handle('settings:update', { language: 'en', userName: 'Seeder' });
    const site = data<Site>(await router.handle('sites:create', siteInput()));
    const classification = data<Classification>(
      await router.handle('sites:classify', {
        siteId: site.id,
        answers: { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: true },
      }),
    );
    seeded = { site, classification };
  });

  const validation = (fields: ErrorShape['fields']): ErrorShape => ({
    code: 'validation',
    messageKey: 'errors.validation',
    fields,
  });
  const required = (p: string) => ({ path: p, messageKey: 'errors.field.required' });
  const unknownField = (p: string) => ({ path: p, messageKey: 'errors.field.unknownField' });
  const invalidType = (p: string, expected: string) => ({
    path: p,
    messageKey: 'errors.field.invalidType',
    params: { expected },
  });
  const badId = (p: string) => ({ path: p, messageKey: 'errors.field.invalidFormat', params: { format: 'uuid' } });
  const notFound = (id: string): ErrorShape => ({
    code: 'not_found',
    messageKey: 'errors.notFound',
    params: { entity: 'site', id },
  });
  const unknownChannel: ErrorShape = { code: 'unknown_channel', messageKey: 'errors.unknownChannel' };
  const seededId = () => seeded.site.id;

  const ALL_REQUIRED_SITE_FIELDS = [
    required('name'),
    required('region'),
    required('gridConnected'),
    required('reversePowerFlow'),
    required('hasRemoteMonitoring'),
    required('hasControlSystem'),
    required('installationType'),
  ];

  const cases: [label: string, channel: () => unknown, input: () => unknown, expected: () => ErrorShape][] = [
    ['name is a number', () => 'sites:create', () => siteInput({ name: 123 as never }), () => validation([invalidType('name', 'string')])],
    ['name is blank', () => 'sites:create', () => siteInput({ name: '   ' }), () => validation([required('name')])],
    ['booleans as strings', () => 'sites:create', () => siteInput({ gridConnected: 'true' as never }), () => validation([invalidType('gridConnected', 'boolean')])],
    ['every required field missing', () => 'sites:create', () => ({}), () => validation(ALL_REQUIRED_SITE_FIELDS)],
    ['null input', () => 'sites:create', () => null, () => validation(ALL_REQUIRED_SITE_FIELDS)],
    ['region missing', () => 'sites:create', () => ({ ...siteInput(), region: undefined }), () => validation([required('region')])],
    ['region not in the list', () => 'sites:create', () => siteInput({ region: 'mars' as never }), () => validation([{ path: 'region', messageKey: 'errors.field.invalidOption' }])],
    ['an array instead of an object', () => 'sites:create', () => [siteInput()], () => validation([invalidType('', 'object')])],
    ['an array to a no-input channel', () => 'sites:list', () => [], () => validation([invalidType('', 'object')])],
    ['a string as input', () => 'sites:get', () => 'DROP TABLE sites', () => validation([invalidType('', 'object')])],
    ['10 MB name', () => 'sites:create', () => siteInput({ name: TEN_MB }), () => validation([{ path: 'name', messageKey: 'errors.field.tooLong', params: { max: 200 } }])],
    ['10 MB value in an unknown key', () => 'sites:create', () => ({ ...siteInput(), notes: TEN_MB }), () => validation([unknownField('notes')])],
    ['10 MB unknown key name', () => 'sites:create', () => ({ ...siteInput(), [TEN_MB]: 1 }), () => validation([unknownField('x'.repeat(100))])],
    ['extra keys trying to set id and timestamps', () => 'sites:create', () => ({ ...siteInput(), id: MISSING_ID, createdAt: '2000-01-01', archivedAt: null }), () => validation([unknownField('id'), unknownField('createdAt'), unknownField('archivedAt')])],
    ['__proto__ key from JSON', () => 'sites:create', () => JSON.parse(`{"__proto__": {"name": "x"}, ${JSON.stringify(siteInput()).slice(1)}`), () => validation([unknownField('__proto__')])],
    ['extra key on update', () => 'sites:update', () => ({ id: seededId(), fields: siteInput(), archivedAt: null }), () => validation([unknownField('archivedAt')])],
    ['extra key inside update fields', () => 'sites:update', () => ({ id: seededId(), fields: { ...siteInput(), id: MISSING_ID } }), () => validation([unknownField('fields.id')])],
    ['reverse flow without grid', () => 'sites:create', () => siteInput({ gridConnected: false, reversePowerFlow: true }), () => validation([{ path: 'reversePowerFlow', messageKey: 'errors.field.reverseFlowNeedsGrid' }])],
    ['reverse flow without grid, on update', () => 'sites:update', () => ({ id: seededId(), fields: siteInput({ gridConnected: false }) }), () => validation([{ path: 'fields.reversePowerFlow', messageKey: 'errors.field.reverseFlowNeedsGrid' }])],
    ['reverse flow without generation', () => 'sites:create', () => siteInput({ generationCapacityKw: 0 }), () => validation([{ path: 'generationCapacityKw', messageKey: 'errors.field.reverseFlowNeedsGeneration' }])],
    ['change date on a new installation', () => 'sites:create', () => siteInput({ installationType: 'new', lastSystemChangeDate: '2024-01-01' }), () => validation([{ path: 'lastSystemChangeDate', messageKey: 'errors.field.changeDateOnlyForExisting' }])],
    ['impossible date', () => 'sites:create', () => siteInput({ lastSystemChangeDate: '2024-02-30' }), () => validation([{ path: 'lastSystemChangeDate', messageKey: 'errors.field.invalidFormat', params: { format: 'date' } }])],
    ['negative voltage', () => 'sites:create', () => siteInput({ receivingVoltageV: -1 }), () => validation([{ path: 'receivingVoltageV', messageKey: 'errors.field.tooSmall', params: { min: 0 } }])],
    ['fractional voltage', () => 'sites:create', () => siteInput({ receivingVoltageV: 6600.5 }), () => validation([invalidType('receivingVoltageV', 'int')])],
    ['unknown but well-formed id: get', () => 'sites:get', () => ({ id: MISSING_ID }), () => notFound(MISSING_ID)],
    ['unknown but well-formed id: update', () => 'sites:update', () => ({ id: MISSING_ID, fields: siteInput() }), () => notFound(MISSING_ID)],
    ['unknown but well-formed id: archive', () => 'sites:archive', () => ({ id: MISSING_ID }), () => notFound(MISSING_ID)],
    ['unknown but well-formed id: restore', () => 'sites:restore', () => ({ id: MISSING_ID }), () => notFound(MISSING_ID)],
    ['unknown but well-formed id: classify', () => 'sites:classify', () => ({ siteId: MISSING_ID, answers: { hasRemoteMonitoring: false, hasControlSystem: false } }), () => notFound(MISSING_ID)],
    ['malformed id', () => 'sites:get', () => ({ id: 'not-a-uuid' }), () => validation([badId('id')])],
    ['SQL in the id', () => 'sites:archive', () => ({ id: "' OR 1=1 --" }), () => validation([badId('id')])],
    ['empty id', () => 'sites:restore', () => ({ id: '' }), () => validation([badId('id')])],
    ['numeric id', () => 'sites:get', () => ({ id: 1 }), () => validation([invalidType('id', 'string')])],
    ['missing id', () => 'sites:get', () => ({}), () => validation([required('id')])],
    ['null input without an id', () => 'sites:archive', () => null, () => validation([required('id')])],
    ['malformed site id to classify', () => 'sites:classify', () => ({ siteId: 'x', answers: { hasRemoteMonitoring: false, hasControlSystem: false } }), () => validation([badId('siteId')])],
    ['in scope without hasGeneration', () => 'sites:classify', () => ({ siteId: seededId(), answers: { hasRemoteMonitoring: true, hasControlSystem: false } }), () => validation([required('answers.hasGeneration')])],
    ['generation without sellsSurplus', () => 'sites:classify', () => ({ siteId: seededId(), answers: { hasRemoteMonitoring: false, hasControlSystem: true, hasGeneration: true } }), () => validation([required('answers.sellsSurplus')])],
    ['selling surplus without generation', () => 'sites:classify', () => ({ siteId: seededId(), answers: { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: false, sellsSurplus: true } }), () => validation([{ path: 'answers.sellsSurplus', messageKey: 'errors.field.surplusNeedsGeneration' }])],
    ['preview in scope without hasGeneration', () => 'classification:preview', () => ({ answers: { hasRemoteMonitoring: true, hasControlSystem: false } }), () => validation([required('answers.hasGeneration')])],
    ['answers missing', () => 'sites:classify', () => ({ siteId: seededId() }), () => validation([required('answers')])],
    ['forged result in answers', () => 'sites:classify', () => ({ siteId: seededId(), answers: { hasRemoteMonitoring: false, hasControlSystem: false, result: 'A' } }), () => validation([unknownField('answers.result')])],
    ['unknown language', () => 'settings:update', () => ({ language: 'fr' }), () => validation([{ path: 'language', messageKey: 'errors.field.invalidOption' }])],
    ['unknown setting', () => 'settings:update', () => ({ theme: 'dark' }), () => validation([unknownField('theme')])],
    ['user name too long', () => 'settings:update', () => ({ userName: 'あ'.repeat(101) }), () => validation([{ path: 'userName', messageKey: 'errors.field.tooLong', params: { max: 100 } }])],
    ['includeArchived as a string', () => 'sites:list', () => ({ includeArchived: 'yes' }), () => validation([invalidType('includeArchived', 'boolean')])],
    ['input to app:info', () => 'app:info', () => ({ debug: true }), () => validation([unknownField('debug')])],
    ['a backup path from the renderer', () => 'db:backup', () => ({ path: '/tmp/elsewhere.sqlite3' }), () => validation([unknownField('path')])],
    ['unknown channel sites:drop', () => 'sites:drop', () => ({ id: seededId() }), () => unknownChannel],
    ['channel as a number', () => 42, () => ({}), () => unknownChannel],
    ['channel undefined', () => undefined, () => ({}), () => unknownChannel],
    ['channel null', () => null, () => ({}), () => unknownChannel],
    ['channel from the object prototype', () => 'toString', () => ({}), () => unknownChannel],
    ['channel __proto__', () => '__proto__', () => ({}), () => unknownChannel],
    ['channel with different case', () => 'SITES:LIST', () => ({}), () => unknownChannel],
    ['channel with whitespace', () => ' sites:list', () => ({}), () => unknownChannel],
  ];

  it.each(cases)('%s', async (_label, channel, input, expected) => {
    const before = snapshot();

    const envelope = await router.handle(channel(), input());

    expect(envelope).toEqual({ ok: false, error: expected() });
    expect(snapshot()).toEqual(before);
    // Refusals never echo the input back.
    expect(JSON.stringify(envelope).length).toBeLessThan(2_000);
    expect(logged).toEqual([]);
  });

  it('validates before the handler runs: a bad input on a closed database is still a validation error', async () => {
    core.close();
    expect(await router.handle('sites:get', { id: 'nope' })).toEqual({
      ok: false,
      error: validation([badId('id')]),
    });
    expect(logged).toEqual([]);
  });

  it('an unexpected error becomes errors.internal, is logged, and its message is not leaked', async () => {
    core.close();

    const envelope = await router.handle('sites:list', {});

    expect(envelope).toEqual({ ok: false, error: { code: 'internal', messageKey: 'errors.internal' } });
    expect(logged).toHaveLength(1);
    const message = (logged[0] as Error).message;
    expect(message).toMatch(/not open/);
    expect(JSON.stringify(envelope)).not.toContain(message);
  });

  it('an internal error in a write leaves the data as it was', async () => {
    const dbPath = core.dbPath;
    core.close();

    expect(await router.handle('sites:create', siteInput({ name: 'Never written' }))).toEqual({
      ok: false,
      error: { code: 'internal', messageKey: 'errors.internal' },
    });

    const check = new Database(dbPath, { readonly: true });
    try {
      expect(check.prepare('SELECT id FROM sites').all()).toEqual([{ id: seeded.site.id }]);
      expect(check.prepare('SELECT id FROM classifications').all()).toEqual([{ id: seeded.classification.id }]);
    } finally {
      check.close();
    }
  });
});
