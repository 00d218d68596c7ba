import { describe, expect, it } from 'vitest';
import { cellText, columnLetter } from '../../../electron/core/inventory/cell-text';
import { planColumns } from '../../../electron/core/inventory/column-plan';
import { findHeaderRow } from '../../../electron/core/inventory/header-detection';
import { matchHeader } from '../../../electron/core/inventory/header-synonyms';
import { excelSerialToIso, parseDateCell, parseDateText } from '../../../electron/core/inventory/japanese-date';
import { normaliseIpList, normaliseMacList } from '../../../electron/core/inventory/network-address';
import { timeOrderedId } from '../../../electron/core/inventory/time-ordered-id';
import { entityId } from '../../../electron/core/validation';

describe('dates as inventories write them', () => {
  it.each([
    ['2023/4/1', '2023-04-01'],
    ['2023-04-01', '2023-04-01'],
    ['2023.4.1', '2023-04-01'],
    ['２０２３／４／１', '2023-04-01'],
    ['2023年4月1日', '2023-04-01'],
    ['20230401', '2023-04-01'],
    ['2023/4/1 0:00:00', '2023-04-01'],
    ['2023/4/1(土)', '2023-04-01'],
    ['令和5年4月1日', '2023-04-01'],
    ['令和５年４月１日', '2023-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['㋿5年4月1日', '2023-04-01'],
    ['R5.4.1', '2023-04-01'],
    ['r05/04/01', '2023-04-01'],
    ['Ｒ５．４．１', '2023-04-01'],
    ['H31.4.30', '2019-04-30'],
    ['平成31年4月30日', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['昭和60年12月31日', '1985-12-31'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each(['2023/2/30', '2023/13/1', '令和5年', 'R5.4', '来年度', '4月1日', '0年1月1日', 'R0.1.1', '45017'])('refuses %s', (text) => {
    expect(parseDateText(text)).toBeNull();
  });

  it('reads Excel serials in the 1900 system, including its phantom 29 February', () => {
    expect(excelSerialToIso(45017)).toBe('2023-04-01');
    expect(excelSerialToIso(45017.75)).toBe('2023-04-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(3_000_000)).toBeNull();
  });

  it('takes date cells, serials, text and blanks', () => {
    expect(parseDateCell(new Date(Date.UTC(2023, 3, 1)))).toEqual({ ok: true, date: '2023-04-01' });
    expect(parseDateCell(45017)).toEqual({ ok: true, date: '2023-04-01' });
    expect(parseDateCell('R5.4.1')).toEqual({ ok: true, date: '2023-04-01' });
    expect(parseDateCell(null)).toEqual({ ok: true, date: null });
    expect(parseDateCell('　')).toEqual({ ok: true, date: null });
    expect(parseDateCell('未定')).toEqual({ ok: false });
    expect(parseDateCell(-5)).toEqual({ ok: false });
  });
});

describe('addresses', () => {
  it('normalises IPv4 and IPv6, several per cell', () => {
    expect(normaliseIpList('192.168.001.010')).toBe('192.168.1.10');
    expect(normaliseIpList('１９２．１６８．０．１'.normalize('NFKC'))).toBe('192.168.0.1');
    expect(normaliseIpList('10.0.0.1/24, 10.0.1.1\n172.16.0.1')).toBe('10.0.0.1/24, 10.0.1.1, 172.16.0.1');
    expect(normaliseIpList('10.0.0.1、10.0.0.2')).toBe('10.0.0.1, 10.0.0.2');
    expect(normaliseIpList('FE80::1')).toBe('fe80::1');
    expect(normaliseIpList('')).toBe('');
  });

  it.each(['192.168.0.256', '192.168.0', '10.0.0.1/33', 'DHCP', '10.0.0.1, x'])('refuses %s', (text) => {
    expect(normaliseIpList(text)).toBeNull();
  });

  it('writes every MAC format one way', () => {
    expect(normaliseMacList('00-11-22-aa-bb-cc')).toBe('00:11:22:AA:BB:CC');
    expect(normaliseMacList('0011.22aa.bbcc')).toBe('00:11:22:AA:BB:CC');
    expect(normaliseMacList('001122AABBCC, 00:11:22:33:44:55')).toBe('00:11:22:AA:BB:CC, 00:11:22:33:44:55');
    expect(normaliseMacList('00:11:22:33:44')).toBeNull();
    expect(normaliseMacList('00:11-22:33:44:55')).toBeNull();
    expect(normaliseMacList('GG:11:22:33:44:55')).toBeNull();
  });
});

describe('cell text', () => {
  it('normalises full-width digits, letters and spaces, half-width katakana, and trims', () => {
    expect(cellText('　ＰＬＣ－０１　')).toBe('PLC-01');
    expect(cellText('ｶﾒﾗ  1号機')).toBe('カメラ 1号機');
    expect(cellText(1001)).toBe('1001');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2023, 3, 1)))).toBe('2023-04-01');
    expect(cellText(null)).toBe('');
    expect(cellText('一行目\r\n  二行目 ', true)).toBe('一行目\n二行目');
    expect(cellText('一行目\n二行目')).toBe('一行目 二行目');
  });

  it('names columns as the spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('headers', () => {
  it.each([
    ['管理番号', 'assetId'],
    ['資産番号', 'assetId'],
    ['機器番号※', 'assetId'],
    ['Asset ID', 'assetId'],
    ['ＡＳＳＥＴ　ＩＤ', 'assetId'],
    ['名称', 'name'],
    ['設置場所', 'location'],
    ['製造者', 'manufacturer'],
    ['型番', 'model'],
    ['Model', 'model'],
    ['OS・ファームウェア', 'os'],
    ['ｿﾌﾄｳｪｱﾊﾞｰｼﾞｮﾝ', 'softwareVersion'],
    ['IPｱﾄﾞﾚｽ', 'ipAddress'],
    ['MAC Address', 'macAddress'],
    ['接続先', 'network'],
    ['導入日（西暦）', 'installedOn'],
    ['備考', 'notes'],
    ['確認状況', 'ignore'],
  ])('%s is %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it('leaves unknown headers unknown', () => {
    expect(matchHeader('保守契約番号')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });

  it('finds the header below title rows, and not in a data row', () => {
    const rows = [
      { n: 1, c: ['第一工場 機器台帳'] },
      { n: 2, c: ['作成日', '2023/4/1'] },
      { n: 4, c: ['管理番号', '機器名', '設置場所', 'IPアドレス'] },
      { n: 5, c: ['A-1', 'PLC', '電気室', '10.0.0.1'] },
    ];
    expect(findHeaderRow(rows)).toBe(2);
    expect(findHeaderRow([{ n: 1, c: ['a', 'b'] }, { n: 2, c: ['1', '2'] }])).toBe(-1);
  });

  it('maps by user, then saved mapping, then synonym; a field claimed twice keeps its first column', () => {
    const plan = planColumns(['管理番号', '名称', '機器名', '保守番号', ''], { 保守番号: 'serialNumber' }, [{ index: 2, target: 'name' }]);
    expect(plan.columns.map((c) => [c.letter, c.target, c.source])).toEqual([
      ['A', 'assetId', 'synonym'],
      ['B', 'extra', 'none'],
      ['C', 'name', 'user'],
      ['D', 'serialNumber', 'profile'],
      ['E', 'extra', 'none'],
    ]);
    expect([...plan.extraKeys]).toEqual([
      [1, '名称'],
      [4, 'E'],
    ]);
  });
});

describe('device ids', () => {
  it('are UUIDs that sort in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, () => timeOrderedId());
    for (const id of ids.slice(0, 50)) expect(entityId.safeParse(id).success).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
