import path from 'node:path';
import ExcelJS from 'exceljs';
import { importAdvisoryTexts } from '../../../electron/core/advisories/advisory-store';
import type { Core } from '../../../electron/core/core';
import { importFile } from '../../../electron/core/inventory/import-jobs';
import { csafDocument, SAMPLE_ADVISORIES } from '../helpers/csaf';

/**
 * A Japanese site's 機器台帳 and the advisories it meets (issue 13): makers
 * as sites write them (株式会社, ｵﾑﾛﾝ, 日本ABB), versions as sites write
 * them (Ver.1.050C, R6.05.00, V4.0.15.0), and for every version form one
 * device inside the range and one outside.
 */
export const LEDGER: readonly (readonly string[])[] = [
  ['管理番号', '機器名', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'],
  // <= 1.063R, model numbers R04*CPU and R08?CPU
  ['PLC-001', '受電監視PLC', '三菱電機株式会社', 'R04ENCPU', '', 'Ver.1.050C'],
  ['PLC-002', '発電機盤PLC', '三菱電機株式会社', 'R08SCPU', '', 'Ver.1.090U'],
  ['PLC-003', '予備PLC', '三菱電機', 'R08PCPU', '', ''],
  // >= R5.01.00 | <= R6.06.00 (vendor " Mitsubishi Electric Corporation")
  ['ENG-001', 'エンジニアリングPC', '三菱電機(株)', 'GX Works3', '', 'R6.05.00'],
  ['ENG-002', '保守用PC', '三菱電機(株)', 'GX Works3', '', 'R6.07.00'],
  // A name the shipped alias table does not know (a newer table adds it).
  ['ENG-003', '試験用PC', '三菱', 'GX Works3', '', 'R6.01.00'],
  // vers:generic/>=1.0|<1.49, model number NX1P2-*
  ['PLC-010', '太陽光PCS制御', 'ｵﾑﾛﾝ', 'NX1P2-9024DT', '', '1.48'],
  ['PLC-011', '蓄電池制御', 'ｵﾑﾛﾝ株式会社', 'NX1P2-1140DT', '', 'Ver.1.49'],
  // vers:all/* (case differs from the advisory's product name; no version)
  ['PLC-012', '空調制御', 'OMRON Corporation', 'CJ2M CPU Unit', '', ''],
  // <= 4.0.12.0 (Including R4.03.00)
  ['DCS-001', '分散制御', '横河電機株式会社', 'CENTUM VP', '', '4.0.11.0'],
  ['DCS-002', '分散制御(更新済)', '横河電機株式会社', 'CENTUM VP', '', '4.0.13.0'],
  // <= 9.78 with 9.80 fixed
  ['NW-001', '制御LANルーター', 'Moxa', 'EDR-810', '', '9.78'],
  ['NW-002', '監視LANルーター', 'MOXA Inc.', 'EDR-810-2GSFP', '', '9.80'],
  ['NW-003', '予備ルーター', 'モクサ', 'EDR-810-2GSFP', '', ''],
  // <V4.0.19.0 with a hotfix V4.0.15.1 fixed inside it; SPH5000 known_not_affected in all versions
  ['PLC-020', '給水ポンプ制御', '富士電機株式会社', 'MICREX-SX SPH3000', '', 'V4.0.15.0'],
  ['PLC-021', '排水ポンプ制御', '富士電機株式会社', 'MICREX-SX SPH3000', '', 'V4.0.19.0'],
  ['PLC-022', '冷却ポンプ制御', '富士電機株式会社', 'MICREX-SX SPH3000', '', 'V4.0.15.1'],
  ['PLC-023', '消火ポンプ制御', '富士電機株式会社', 'MICREX-SX SPH5000', '', 'V1.0'],
  // >=12|<=68 (Hitachi Energy; an ABB-labelled RTU meets it as a related maker)
  ['RTU-001', '遠方監視制御', '日本ABB', 'RTU560', '', '13'],
  ['RTU-002', '遠方監視制御(新)', '日立エナジー', 'RTU560', '', '69'],
  // prior to 2.3 / 2.0 and prior / V1.0 to V2.3 / unreadable range
  ['PLC-030', '照明制御', 'IDEC株式会社', 'FC6A', '', '2.2'],
  ['PLC-031', '換気制御', 'IDEC株式会社', 'FC6A', '', '2.3'],
  ['PLC-032', '搬送制御', 'パナソニック インダストリー株式会社', 'FP7 CPU', '', '2.0'],
  ['PLC-033', '包装制御', 'パナソニック', 'FP7 CPU', '', '2.1'],
  ['PLC-034', '計量制御', '株式会社キーエンス', 'KV-8000', '', 'V2.3'],
  ['PLC-035', '検査制御', 'キーエンス', 'KV-8000', '', 'V2.4'],
  ['INV-001', 'インバータ', '安川電機', 'GA700', '', '1.0'],
  // Makers no advisory names, and a known maker's product no advisory names.
  ['RT-001', 'ルーター', 'ヤマハ', 'RTX830', 'Rev.15.02', '15.02.29'],
  ['INV-002', 'インバータ', '三菱電機株式会社', 'FR-E800', '', '1.0'],
  ['PC-001', '監視PC', '', 'ESPRIMO', 'Windows 10', ''],
];

export async function importLedger(core: Core, siteId: string, dir: string, rows: readonly (readonly string[])[] = LEDGER): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('機器一覧');
  for (const row of rows) sheet.addRow([...row]);
  const file = path.join(dir, '機器台帳.xlsx');
  await book.xlsx.writeFile(file);
  const { result } = await importFile(core, { siteId, file, dryRun: false });
  if (!result) throw new Error('the ledger was not imported');
}

/** The advisories the ledger meets, beside the four samples every part of issue 13 uses. */
export function fixtureAdvisories(): Record<string, unknown>[] {
  return [
    SAMPLE_ADVISORIES.melsec(),
    SAMPLE_ADVISORIES.omron(),
    SAMPLE_ADVISORIES.yokogawa(),
    SAMPLE_ADVISORIES.moxa(),
    csafDocument({
      id: 'ICSA-24-100-01',
      products: [
        { vendor: 'Fuji Electric Co., Ltd.', product: 'MICREX-SX SPH3000', leaves: [{ range: '<V4.0.19.0' }, { version: 'V4.0.15.1', status: 'fixed' }] },
        { vendor: 'Fuji Electric Co., Ltd.', product: 'MICREX-SX SPH5000', leaves: [{ range: 'vers:all/*', status: 'known_not_affected' }] },
      ],
      vulnerabilities: [{ cve: 'CVE-2024-1001', cvss: 9.1 }],
    }),
    csafDocument({
      id: 'ICSA-24-100-02',
      products: [{ vendor: 'Hitachi Energy', product: 'RTU500 series', leaves: [{ range: '>=12|<=68', modelNumbers: ['RTU5*'] }] }],
      vulnerabilities: [{ cve: 'CVE-2024-1002', cvss: 7.5, remediation: { category: 'mitigation', details: 'Disable the IEC 60870-5-104 interface when unused.' } }],
    }),
    csafDocument({
      id: 'ICSA-24-100-03',
      products: [
        { vendor: 'IDEC Corporation', product: 'FC6A', leaves: [{ range: 'prior to 2.3' }] },
        { vendor: 'Panasonic', product: 'FP7 CPU', leaves: [{ range: '2.0 and prior' }] },
      ],
      vulnerabilities: [{ cve: 'CVE-2024-1003', cvss: 6.5 }],
    }),
    csafDocument({
      id: 'ICSA-24-100-04',
      products: [
        { vendor: 'KEYENCE CORPORATION', product: 'KV-8000', leaves: [{ range: 'V1.0 to V2.3' }] },
        { vendor: 'YASKAWA Electric Corporation', product: 'GA700', leaves: [{ range: 'See the vendor notice for affected builds' }] },
      ],
      vulnerabilities: [{ cve: 'CVE-2024-1004', cvss: 5.3 }, { cve: 'CVE-2024-1005', cvss: 8.6 }],
    }),
  ];
}

export async function importFixtureAdvisories(core: Core, docs = fixtureAdvisories()): Promise<void> {
  const report = await importAdvisoryTexts(
    core,
    docs.map((doc, i) => ({ file: `advisory-${i}.json`, text: JSON.stringify(doc) })),
  );
  const refused = report.files.filter((f) => f.status === 'refused');
  if (refused.length) throw new Error(`refused: ${JSON.stringify(refused)}`);
}
