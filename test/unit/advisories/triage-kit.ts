import path from 'node:path';
import ExcelJS from 'exceljs';
import { importAdvisoryTexts } from '../../../electron/core/advisories/advisory-store';
import { triageDecisionSchema, type TriageDecisionInput } from '../../../electron/core/advisories/triage-schema';
import { decideTriage } from '../../../electron/core/advisories/triage-decide';
import { createRound } from '../../../electron/core/checklist/round-repository';
import { recordClassification } from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { openCore, type Core } from '../../../electron/core/core';
import { importFile } from '../../../electron/core/inventory/import-jobs';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { setUpNames, TEST_USER } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';

export const LEDGER_HEADERS = ['管理番号', '機器名', '種別', '設置場所', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'];

/**
 * A Japanese site's ledger, as the sites write it: makers in Japanese (and
 * half-width kana), versions as written on the nameplate.
 */
export const LEDGER_ROWS: readonly (readonly string[])[] = [
  ['PLC-001', '受電監視PLC', 'PLC', '第1電気室', '三菱電機株式会社', 'R04CPU', '', '1.050C'],
  ['PLC-002', '予備PLC', 'PLC', '第1電気室', '三菱電機', 'R04CPU', '', '1.090U'],
  ['EWS-001', 'エンジニアリングPC', 'PC', '中央監視室', '三菱電機', 'GX Works3', 'Windows 10', 'R6.05.00'],
  ['CTL-001', '搬送コントローラ', 'コントローラ', '第2電気室', 'ｵﾑﾛﾝ', 'NX1P2-9024DT', '', 'Ver.1.40'],
  ['SW-001', '制御LANルーター', 'ネットワーク機器', '通信室', 'Moxa', 'EDR-810', '', '9.78'],
  ['SW-002', '情報LANルーター', 'ネットワーク機器', '通信室', 'Moxa', 'EDR-810', '', '9.80'],
  ['DCS-001', '分散制御システム', 'DCS', '中央監視室', '横河電機', 'CENTUM VP', '', ''],
  ['UPS-001', 'UPS', 'UPS', '第1電気室', 'オムロン', 'BU100R', '', '2.1'],
];

/** Writes the ledger as an xlsx with exceljs (a title row above the header, as vendors send it). */
export async function writeLedger(dir: string, rows: readonly (readonly string[])[] = LEDGER_ROWS, name = '機器台帳_第一工場.xlsx'): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('機器一覧');
  sheet.getCell('A1').value = '第一工場 機器台帳';
  sheet.getRow(3).values = [...LEDGER_HEADERS];
  rows.forEach((r, i) => (sheet.getRow(4 + i).values = [...r]));
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** A real data folder: a 区分A site whose inventory came from the xlsx above, and the sample advisories imported. */
export function triageKit(prefix: string) {
  const dirs = tempDirs(prefix);
  const opened: Core[] = [];
  const start = new Date('2025-04-01T00:00:00.000Z');
  let clock = start;
  return {
    dirs,
    setClock(date: Date) {
      clock = date;
    },
    async open(options: { round?: boolean; advisories?: readonly Record<string, unknown>[] } = {}): Promise<{ core: Core; siteId: string; roundId: string | null }> {
      const core = openCore({ dataDir: dirs.make(), now: () => clock });
      setUpNames(core);
      opened.push(core);
      const site = createSite(core.db, siteFieldsSchema.parse(siteInput({ name: '第一工場' })), clock, TEST_USER);
      recordClassification(
        core.db,
        site.id,
        classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true }),
        TEST_USER,
        clock,
      );
      const round =
        options.round === false
          ? null
          : createRound(core.db, { siteId: site.id, title: '2025年度 年次点検', framework: 'jikayo-gl', carryOverFrom: null }, TEST_USER, clock);
      const ledger = await writeLedger(dirs.make());
      const { result } = await importFile(core, { siteId: site.id, file: ledger, dryRun: false });
      if (!result) throw new Error('the ledger was not imported');
      if (options.advisories) await importDocuments(core, options.advisories);
      return { core, siteId: site.id, roundId: round?.id ?? null };
    },
    cleanup() {
      for (const core of opened.splice(0)) if (core.db.open) core.close();
      dirs.cleanup();
      clock = start;
    },
  };
}

export async function importDocuments(core: Core, docs: readonly Record<string, unknown>[]) {
  const report = await importAdvisoryTexts(
    core,
    docs.map((d, i) => ({ file: `doc-${i}.json`, text: JSON.stringify(d) })),
  );
  const refused = report.files.filter((f) => f.status === 'refused');
  if (refused.length > 0) throw new Error(`refused: ${JSON.stringify(refused)}`);
  return report;
}

export function deviceId(core: Core, siteId: string, assetId: string): string {
  return (core.db.prepare('SELECT id FROM devices WHERE site_id = ? AND asset_id = ?').pluck().get(siteId, assetId) as string);
}

/** A decision as the router would take it: parsed by the channel's schema first. */
export function decide(core: Core, input: TriageDecisionInput) {
  return decideTriage(core, triageDecisionSchema.parse(input));
}
