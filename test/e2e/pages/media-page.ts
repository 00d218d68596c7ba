import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type Locator, type Page } from '@playwright/test';
import { canonicalJson, entryHash, type ChainFields } from '../../../electron/core/media/log-chain';
import type { AppPage } from './app-page';

const BIN = path.resolve(__dirname, '..', '..', '..', 'electron', 'cli', 'bin.cjs');

/** Bytes a test signature names: harmless, but "malware" to ClamAV given the test database. */
export const TEST_MALWARE = Buffer.from('HOAN-E2E-TEST-MALWARE: not a virus\n');
export const TEST_SIGNATURE = 'Hoan.E2E.Removable';

/** The removable-media checkpoint screens, driven through their labels. */
export class MediaPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  post<T>(channel: string, data: unknown): Promise<T> {
    return this.app.api<T>(channel, data);
  }

  /** A site straight through the API: the site screens have their own e2e. */
  async seedSite(name = '北関東ソーラー発電所'): Promise<string> {
    await this.post('settings:update', { userName: '佐藤 一郎' });
    const site = await this.post<{ id: string }>('sites:create', {
      name, region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'new',
    });
    return site.id;
  }

  /** A folder standing in for a mounted USB stick, and an md5 signature database naming TEST_MALWARE. */
  static folder(files: Record<string, string | Buffer>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-medium-'));
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    return dir;
  }

  static addFiles(dir: string, files: Record<string, string | Buffer>): void {
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
  }

  static signatureDb(): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-sigs-')), 'hoan-e2e.hdb');
    fs.writeFileSync(file, `${createHash('md5').update(TEST_MALWARE).digest('hex')}:${TEST_MALWARE.length}:${TEST_SIGNATURE}\n`);
    return file;
  }

  /** A medium and two check-ins (one denied, one approved exception): the media screens the accessibility walk visits. */
  async seedScreens(siteId: string): Promise<{ name: string; hash: string }[]> {
    const medium = await this.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'USB-001', type: 'usb_stick', ownerCompany: '保守電機株式会社' } });
    const base = { siteId, mediumId: medium.id, person: '山田 太郎', company: '保守電機株式会社', purpose: 'PLCプログラム更新', targets: ['PLC-1'], method: 'none' };
    await this.post('media:checkIn', base);
    await this.post('media:checkIn', { ...base, exception: { approver: '電気主任技術者', reason: '緊急復旧' } });
    const media = `#/sites/${siteId}/media`;
    return [
      { name: 'media-log', hash: media },
      { name: 'media-check-in', hash: `${media}/check-in` },
      { name: 'media-registry', hash: `${media}/registry` },
      { name: 'media-medium', hash: `${media}/medium/${medium.id}` },
      { name: 'media-exceptions', hash: `${media}/exceptions` },
      { name: 'media-scanner', hash: `${media}/scanner` },
    ];
  }

  async open(siteId: string, ...rest: string[]): Promise<void> {
    await this.page.goto(`${this.app.host.origin}/#/sites/${siteId}/${['media', ...rest].join('/')}`);
    await this.app.ready();
  }

  subnav(name: string): Locator {
    return this.page.getByRole('navigation', { name: '外部媒体のメニュー' }).getByRole('link', { name, exact: true });
  }

  async setSignatureDb(file: string): Promise<void> {
    await this.subnav('スキャナー設定').click();
    await expect(this.app.heading()).toHaveText('スキャナー設定');
    await this.page.getByLabel('定義ファイル（ClamAV の -d）').fill(file);
    await this.page.getByRole('button', { name: '保存' }).click();
    await expect(this.page.getByText('スキャナー設定を保存しました。')).toBeVisible();
  }

  async register(controlNo: string, ownerCompany: string): Promise<void> {
    await this.subnav('媒体台帳').click();
    await this.page.getByRole('button', { name: '媒体を登録' }).click();
    const form = this.page.getByTestId('medium-form');
    await form.getByLabel('管理番号').fill(controlNo);
    await form.getByLabel('所有者（会社名）').fill(ownerCompany);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(this.page.getByTestId('media-registry')).toContainText(controlNo);
  }

  async fillCheckIn(values: { medium: string; person: string; purpose: string; targets: string[] }): Promise<void> {
    if (!this.page.url().endsWith('/media/check-in')) await this.subnav('持込受付').click();
    await expect(this.app.heading()).toHaveText('外部媒体の持込受付');
    const form = this.page.getByTestId('check-in-form');
    await form.getByLabel('媒体を選択').selectOption({ label: values.medium });
    await form.getByLabel('持込者氏名').fill(values.person);
    await form.getByLabel('目的').fill(values.purpose);
    await form.getByLabel('接続先機器').fill(values.targets.join('\n'));
  }

  async scan(folder: string): Promise<void> {
    await this.page.getByLabel('媒体のフォルダー').fill(folder);
    await this.page.getByRole('button', { name: 'スキャン開始' }).click();
    await expect(this.page.getByTestId('scan-result')).toBeVisible({ timeout: 30_000 });
  }

  judgement(): Locator {
    return this.page.getByTestId('judgement');
  }

  logRows(testId = 'media-log'): Locator {
    return this.page.getByTestId(testId).locator('.vt-body [role="row"]');
  }

  verifyResult(): Locator {
    return this.page.getByTestId('verify-result');
  }

  /** A site bundle exported with `hoan bundle export` beside the running host, as a script at the site would; its file name. */
  exportBundle(siteId: string): string {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-'));
    const r = spawnSync(process.execPath, [BIN, 'bundle', 'export', '--site', siteId, '--out', out, '--data-dir', this.app.host.dataDir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return fs.readdirSync(out)[0]!;
  }

  /**
   * The log changed behind Hoan's back, as someone with the database file
   * could: the guard triggers dropped for `edit` and, unless told otherwise,
   * put back afterwards.
   */
  tamperLog(edit: (db: Database.Database) => void, options: { restoreGuards?: boolean } = {}): void {
    const db = new Database(path.join(this.app.host.dataDir, 'hoan.sqlite3'));
    try {
      const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('media_log', 'media_log_heads')`).all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      edit(db);
      if (options.restoreGuards !== false) for (const t of triggers) db.exec(t.sql);
    } finally {
      db.close();
    }
  }

  /** Appends an entry computed with the documented hash function, extending the head as the insert trigger asks (inside tamperLog). */
  static appendForged(db: Database.Database, siteId: string, fields: Partial<ChainFields> & { at: string; body: unknown }): void {
    const head = db.prepare('SELECT n, hash FROM media_log_heads WHERE site_id = ?').get(siteId) as { n: number; hash: string };
    const last = db.prepare('SELECT * FROM media_log WHERE site_id = ? AND n = ?').get(siteId, head.n) as Record<string, string>;
    const f: ChainFields = {
      id: randomUUID(), siteId, n: head.n + 1, kind: 'check_in', mediumId: last.medium_id!, controlNo: last.control_no!, mediumType: last.medium_type!,
      person: last.person!, company: last.company!, purpose: last.purpose!, method: 'none', result: 'no_evidence', decision: 'denied', approver: '',
      exceptionReason: '', refersTo: null, recordedBy: last.recorded_by!, ...fields, body: canonicalJson(fields.body),
    };
    db.prepare(
      `INSERT INTO media_log (id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose, method, result, decision,
         approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash)
       VALUES (@id, @siteId, @n, @kind, @at, @mediumId, @controlNo, @mediumType, @person, @company, @purpose, @method, @result, @decision,
         @approver, @exceptionReason, @refersTo, @recordedBy, @body, @prev, @hash)`,
    ).run({ ...f, prev: head.hash, hash: entryHash(f, head.hash) });
    // What the head trigger would do, were it in place.
    db.prepare('INSERT OR REPLACE INTO media_log_heads (site_id, n, hash) VALUES (?, ?, ?)').run(siteId, f.n, entryHash(f, head.hash));
  }
}
