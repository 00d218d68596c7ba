import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { inventoryRecords } from '../../../electron/core/bundle/records/inventory-records';
import { listDevices } from '../../../electron/core/inventory/device-repository';
import { naturalSortKey } from '../../../electron/core/inventory/natural-sort-key';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-order-');
afterEach(() => kit.cleanup());

/** Byte order, as SQLite compares TEXT: UTF-8 bytes, which follow code points. */
const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('[#11.10] 管理番号 in natural order', () => {
  it('[#11.10] the sort key orders a prefix and a number as people read them: by prefix, then by the number\'s value, leading zeros or not', () => {
    const id = fc.record({
      prefix: fc.stringMatching(/^[A-Z]{1,3}$/),
      n: fc.bigInt({ min: 0n, max: 10n ** 20n }),
      zeros: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(id, id, (a, b) => {
        const text = (x: typeof a) => `${x.prefix}-${'0'.repeat(x.zeros)}${x.n}`;
        const expected = a.prefix !== b.prefix ? bytewise(a.prefix, b.prefix) : a.n === b.n ? 0 : a.n < b.n ? -1 : 1;
        expect(Math.sign(bytewise(naturalSortKey(text(a)), naturalSortKey(text(b))))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    const sorted = ['KT-10', 'PLC-9', 'kt-2', 'KT-2A', 'KT-1.10', 'KT-1.9', 'KT-', 'ＫＴ－３', 'KT-A'].sort((a, b) => bytewise(naturalSortKey(a), naturalSortKey(b)));
    expect(sorted).toEqual(['KT-', 'KT-1.9', 'KT-1.10', 'kt-2', 'KT-2A', 'ＫＴ－３', 'KT-10', 'KT-A', 'PLC-9']);
  });

  it('[#11.10] the list is sorted by 管理番号 naturally (KT-2 before KT-10), page by page, read from the index without sorting the site', async () => {
    const { core, siteId } = kit.open();
    const ids = Array.from({ length: 120 }, (_, i) => `KT-${i + 1}`);
    ids.push('KT-02', 'kt-121', 'PLC-9', 'PLC-10');
    // Shuffled, and spread over locations: neither the file's order nor the location may decide.
    const shuffled = [...ids].sort((a, b) => (a.length * 31 + a.charCodeAt(a.length - 1)) % 17 - ((b.length * 31 + b.charCodeAt(b.length - 1)) % 17));
    const file = path.join(kit.dirs.make(), '台帳.csv');
    fs.writeFileSync(file, csvText([['管理番号', '機器名', '設置場所'], ...shuffled.map((id, i) => [id, `機器 ${id}`, `第${(i % 5) + 1}電気室`])]));
    await importPath(core, siteId, file);

    const pages: string[] = [];
    for (let offset = 0; ; offset += 25) {
      const page = listDevices(core.db, { siteId, offset, limit: 25 });
      pages.push(...page.devices.map((d) => d.assetId));
      if (offset + 25 >= page.total) break;
    }
    const expected = [
      'KT-1', 'KT-02', 'KT-2', ...Array.from({ length: 118 }, (_, i) => `KT-${i + 3}`), 'kt-121', 'PLC-9', 'PLC-10',
    ];
    expect(pages).toEqual(expected);

    const plan = core.db
      .prepare("EXPLAIN QUERY PLAN SELECT d.id FROM devices d WHERE d.site_id = 'x' ORDER BY d.asset_sort_key, d.asset_id LIMIT 25 OFFSET 100")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('devices_by_asset_order');
    expect(plan.map((p) => p.detail).join('\n')).not.toContain('TEMP B-TREE');
  });

  it('[#11.10] devices that arrive in a bundle get their sort key where they arrive; a key is neither sent nor accepted', () => {
    const { core, siteId } = kit.open();
    const row = (id: string, assetId: string) => ({ id, site_id: siteId, asset_id: assetId, created_at: 'x', updated_at: 'x' });
    inventoryRecords.apply(
      { db: core.db, siteId, kind: 'site', bundleId: 'b', signer: { fingerprint: 'f', name: 'n' }, userName: '', now: new Date() },
      { devices: [row('d1', 'KT-10'), row('d2', 'KT-9')], checks: [] },
    );
    expect(listDevices(core.db, { siteId, offset: 0, limit: 10 }).devices.map((d) => d.assetId)).toEqual(['KT-9', 'KT-10']);
    const exported = inventoryRecords.collect({ db: core.db, siteId } as Parameters<typeof inventoryRecords.collect>[0]);
    expect(Object.keys(exported.devices[0]!)).not.toContain('asset_sort_key');
    // A bundle that carries a key of its own (to reorder the list where it arrives) is refused before anything is written.
    const crafted = { devices: [{ ...row('d3', 'KT-1'), asset_sort_key: '!' }], checks: [] };
    expect(inventoryRecords.checkAgainst!(core.db, crafted, siteId, 'records/inventory.json')).toMatchObject({
      class: 'records_invalid',
      reason: 'unknownColumn',
      params: { column: 'asset_sort_key' },
    });
  });
});
