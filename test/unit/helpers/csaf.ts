import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Real-shaped CSAF 2.0 documents for tests (issue 13), in the shapes CISA's ICS
 * advisories take: a vendor branch (names vary as they do in the wild), a
 * product_name branch, then product_version or product_version_range leaves
 * with model_numbers; vulnerabilities with CVE, CVSS v3, product_status and
 * remediations. They pass the CSAF 2.0 strict schema and the mandatory tests.
 */

export interface CsafLeaf {
  /** product_version_range text as written (`<= 1.063R`, `vers:generic/>=1.0|<2.0`), or… */
  range?: string;
  /** …a single product_version. */
  version?: string;
  /** model_numbers helper (wildcards `*` and `?` allowed). */
  modelNumbers?: string[];
  cpe?: string;
  /** Default: known_affected. */
  status?: 'known_affected' | 'fixed' | 'known_not_affected' | 'under_investigation';
}

export interface CsafProduct {
  vendor: string;
  product: string;
  leaves: CsafLeaf[];
}

export interface CsafVulnerability {
  cve: string;
  cvss?: number;
  /** Default: vendor_fix. */
  remediation?: { category: 'vendor_fix' | 'mitigation' | 'workaround' | 'none_available' | 'no_fix_planned'; details: string; url?: string };
}

export interface CsafOptions {
  id: string;
  title?: string;
  /** tracking.version; earlier revisions are listed in revision_history. Default '1'. */
  version?: string;
  /** current_release_date; default 2024-01-10T00:00:00.000Z. */
  date?: string;
  initialDate?: string;
  publisher?: { name: string; namespace: string };
  products: CsafProduct[];
  vulnerabilities: CsafVulnerability[];
}

const CVSS_SEVERITY = (score: number) => (score === 0 ? 'NONE' : score < 4 ? 'LOW' : score < 7 ? 'MEDIUM' : score < 9 ? 'HIGH' : 'CRITICAL');
/** Vectors whose CVSS 3.1 base score is the key (mandatory test 6.1.9 recalculates it). */
export const CVSS_VECTORS: Readonly<Record<string, string>> = {
  '5.3': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
  '6.5': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N',
  '7.3': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L',
  '7.5': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  '8.2': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H',
  '8.6': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H',
  '9.1': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
  '9.8': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  '10.0': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
};
function cvssVector(score: number): string {
  const vector = CVSS_VECTORS[score.toFixed(1)];
  if (!vector) throw new Error(`no test vector scores ${score}; use one of ${Object.keys(CVSS_VECTORS).join(', ')}`);
  return vector;
}

/** A CSAF 2.0 security advisory as a plain object (serialise with JSON.stringify). */
export function csafDocument(options: CsafOptions): Record<string, unknown> {
  const version = options.version ?? '1';
  const date = options.date ?? '2024-01-10T00:00:00.000Z';
  const initial = options.initialDate ?? date;
  const revisions = Array.from({ length: Number.parseInt(version, 10) || 1 }, (_, i) => ({
    date: i === 0 ? initial : date,
    number: String(i + 1),
    summary: i === 0 ? 'Initial publication' : `Revision ${i + 1}`,
  }));
  const publisher = options.publisher ?? { name: 'CISA', namespace: 'https://www.cisa.gov/' };
  let next = 1;
  const ids: { id: string; leaf: CsafLeaf }[] = [];
  const vendors = new Map<string, { category: string; name: string; branches: unknown[] }>();
  for (const product of options.products) {
    let vendor = vendors.get(product.vendor);
    if (!vendor) {
      vendor = { category: 'vendor', name: product.vendor, branches: [] };
      vendors.set(product.vendor, vendor);
    }
    vendor.branches.push({
      category: 'product_name',
      name: product.product,
      branches: product.leaves.map((leaf) => {
        const productId = `CSAFPID-${String(next++).padStart(4, '0')}`;
        ids.push({ id: productId, leaf });
        const text = leaf.range ?? leaf.version ?? '';
        const helper: Record<string, unknown> = {};
        if (leaf.modelNumbers) helper.model_numbers = leaf.modelNumbers;
        if (leaf.cpe) helper.cpe = leaf.cpe;
        return {
          category: leaf.range !== undefined ? 'product_version_range' : 'product_version',
          name: text,
          product: {
            name: `${product.vendor.trim()} ${product.product} ${text}`.trim(),
            product_id: productId,
            ...(Object.keys(helper).length ? { product_identification_helper: helper } : {}),
          },
        };
      }),
    });
  }
  const byStatus = (status: NonNullable<CsafLeaf['status']>) => ids.filter(({ leaf }) => (leaf.status ?? 'known_affected') === status).map(({ id }) => id);
  const productStatus: Record<string, string[]> = {};
  for (const status of ['known_affected', 'fixed', 'known_not_affected', 'under_investigation'] as const) {
    const list = byStatus(status);
    if (list.length) productStatus[status] = list;
  }
  const affected = productStatus.known_affected ?? [];
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: options.title ?? `${options.products[0]?.vendor.trim() ?? 'Vendor'} ${options.products[0]?.product ?? 'product'}`,
      lang: 'en-US',
      distribution: { text: 'Disclosure is not limited', tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      publisher: { category: 'coordinator', name: publisher.name, namespace: publisher.namespace, contact_details: 'central@cisa.dhs.gov' },
      notes: [{ category: 'summary', title: 'Risk evaluation', text: 'Successful exploitation could allow an attacker to cause a denial of service.' }],
      references: [{ category: 'self', summary: `ICS Advisory ${options.id}`, url: `https://www.cisa.gov/news-events/ics-advisories/${options.id.toLowerCase()}` }],
      tracking: {
        id: options.id,
        status: 'final',
        version,
        initial_release_date: initial,
        current_release_date: date,
        revision_history: revisions,
        generator: { engine: { name: 'Hoan test builder', version: '1.0' } },
      },
    },
    product_tree: { branches: [...vendors.values()] },
    vulnerabilities: options.vulnerabilities.map((vuln) => ({
      cve: vuln.cve,
      notes: [{ category: 'summary', title: 'Vulnerability summary', text: `${vuln.cve} lets an attacker stop the device.` }],
      product_status: productStatus,
      ...(vuln.cvss !== undefined && affected.length
        ? {
            scores: [
              {
                products: affected,
                cvss_v3: { version: '3.1', vectorString: cvssVector(vuln.cvss), baseScore: vuln.cvss, baseSeverity: CVSS_SEVERITY(vuln.cvss) },
              },
            ],
          }
        : {}),
      ...(affected.length
        ? {
            remediations: [
              {
                category: vuln.remediation?.category ?? 'vendor_fix',
                details: vuln.remediation?.details ?? 'Update the firmware to the fixed version.',
                ...(vuln.remediation?.url ? { url: vuln.remediation.url } : {}),
                product_ids: affected,
              },
            ],
          }
        : {}),
    })),
  };
}

/**
 * Writes a document as CISA lays its files out: `<year>/<id>.json` with the
 * `.sha512` beside it (`<hex>  <name>`, as sha512sum prints). Returns the path.
 */
export function writeCsafFile(dir: string, doc: Record<string, unknown>, options: { sha512?: boolean; name?: string } = {}): string {
  const tracking = (doc.document as { tracking: { id: string; current_release_date: string } }).tracking;
  const name = options.name ?? `${tracking.current_release_date.slice(0, 4)}/${tracking.id.toLowerCase()}.json`;
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  fs.writeFileSync(file, text);
  if (options.sha512 ?? true) {
    fs.writeFileSync(`${file}.sha512`, `${createHash('sha512').update(text).digest('hex')}  ${path.basename(file)}\n`);
  }
  return file;
}

/** The shapes named in issue 13: vendor variants, free-text and vers: ranges, wildcards, a Japanese maker's inventory. */
export const SAMPLE_ADVISORIES = {
  melsec: (version = '1', date?: string) =>
    csafDocument({
      id: 'ICSA-20-212-02',
      title: 'Mitsubishi Electric MELSEC iQ-R Series',
      version,
      ...(date ? { date, initialDate: '2020-07-30T00:00:00.000Z' } : { date: '2020-07-30T00:00:00.000Z' }),
      products: [
        { vendor: 'Mitsubishi Electric', product: 'MELSEC iQ-R Series CPU module', leaves: [{ range: '<= 1.063R', modelNumbers: ['R04*CPU', 'R08?CPU'] }] },
        { vendor: ' Mitsubishi Electric Corporation', product: 'GX Works3', leaves: [{ range: '>= R5.01.00 | <= R6.06.00' }] },
      ],
      vulnerabilities: [{ cve: 'CVE-2020-16226', cvss: 8.2 }],
    }),
  omron: () =>
    csafDocument({
      id: 'ICSA-22-179-02',
      title: 'OMRON SYSMAC CS/CJ/CP Series and NJ/NX Series',
      products: [
        { vendor: 'OMRON Corporation', product: 'NJ/NX-series Machine Automation Controllers', leaves: [{ range: 'vers:generic/>=1.0|<1.49', modelNumbers: ['NX1P2-*'] }] },
        { vendor: 'Omron', product: 'CJ2M CPU unit', leaves: [{ range: 'vers:all/*' }] },
      ],
      vulnerabilities: [{ cve: 'CVE-2022-34151', cvss: 9.8, remediation: { category: 'mitigation', details: 'Use a firewall to isolate the controllers.' } }],
    }),
  yokogawa: () =>
    csafDocument({
      id: 'ICSA-23-047-01',
      title: 'Yokogawa CENTUM VP',
      products: [{ vendor: 'Yokogawa Electric Corporation', product: 'CENTUM VP', leaves: [{ range: '<= 4.0.12.0 (Including R4.03.00)' }] }],
      vulnerabilities: [{ cve: 'CVE-2023-26593', cvss: 5.3 }],
    }),
  moxa: () =>
    csafDocument({
      id: 'ICSA-24-011-01',
      title: 'Moxa EDR-810',
      products: [{ vendor: 'Moxa', product: 'EDR-810 Series', leaves: [{ range: '<= 9.78' }, { version: '9.80', status: 'fixed' }] }],
      vulnerabilities: [{ cve: 'CVE-2024-0001', cvss: 7.5 }],
    }),
};
