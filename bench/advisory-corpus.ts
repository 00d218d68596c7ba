/**
 * A corpus of CSAF 2.0 advisories in the shape of CISA's ICS advisories,
 * for the matching benchmark: vendors weighted as CISA's are (Siemens most,
 * then Schneider Electric, Rockwell Automation, Mitsubishi Electric…), their
 * names varying as they do ("Mitsubishi Electric", " Mitsubishi Electric
 * Corporation", "Mitsubishi Electric India"), one to eight products each with
 * one to three version leaves in the range forms advisories use, model
 * numbers with wildcards on half of them, one to four CVEs with CVSS v3
 * scores and remediations. Deterministic; documents pass the strict schema.
 */

const VENDORS: readonly [weight: number, names: readonly string[], families: readonly string[]][] = [
  [25, ['Siemens', 'Siemens AG'], ['SIMATIC', 'SCALANCE', 'SICAM', 'SIPROTEC', 'RUGGEDCOM']],
  [8, ['Schneider Electric', 'Schneider Electric SE'], ['Modicon', 'EcoStruxure', 'Easergy', 'PowerLogic']],
  [6, ['Rockwell Automation'], ['ControlLogix', 'CompactLogix', 'FactoryTalk', 'PowerFlex']],
  [5, ['Mitsubishi Electric', ' Mitsubishi Electric Corporation', 'Mitsubishi Electric India'], ['MELSEC', 'GOT', 'MELSOFT', 'MELIPC']],
  [4, ['Hitachi Energy'], ['RTU500', 'MicroSCADA', 'Relion', 'TXpert']],
  [4, ['ABB'], ['AC500', 'Symphony Plus', 'System 800xA']],
  [4, ['Delta Electronics'], ['DIAEnergie', 'DOPSoft', 'CNCSoft']],
  [3, ['GE Vernova', 'General Electric'], ['Multilin', 'UR', 'MiCOM']],
  [3, ['Moxa', 'Moxa Inc.'], ['EDR', 'NPort', 'ioLogik', 'MGate']],
  [3, ['OMRON Corporation', 'Omron'], ['NJ/NX', 'CJ2M', 'Sysmac']],
  [3, ['Advantech'], ['WebAccess', 'ADAM', 'EKI']],
  [3, ['Johnson Controls'], ['Metasys', 'exacqVision']],
  [3, ['Honeywell'], ['Experion', 'ControlEdge']],
  [3, ['Phoenix Contact'], ['PLCnext', 'FL MGUARD', 'CHARX']],
  [2, ['Yokogawa Electric Corporation', 'Yokogawa'], ['CENTUM', 'STARDOM', 'FAST/TOOLS']],
  [2, ['Fuji Electric Co., Ltd.'], ['MICREX-SX', 'V-SFT', 'Tellus']],
  [2, ['WAGO'], ['PFC200', 'Compact Controller']],
  [2, ['Hirschmann', 'Belden'], ['HiOS', 'EAGLE']],
  [2, ['Emerson'], ['DeltaV', 'ROC800']],
  [2, ['Cisco'], ['IOS XE', 'IR800']],
  [2, ['Fortinet'], ['FortiGate', 'FortiOS']],
  [1, ['Toshiba Corporation'], ['TOSVERT', 'unified controller']],
  [1, ['YASKAWA Electric Corporation'], ['MP3300', 'GA700']],
  [1, ['Panasonic'], ['FP7', 'Control FPWIN']],
  [1, ['KEYENCE CORPORATION'], ['KV STUDIO', 'KV-8000']],
  [1, ['IDEC Corporation'], ['FC6A', 'WindLDR']],
  [1, ['Digi International'], ['ConnectPort', 'TransPort']],
  [1, ['Sierra Wireless'], ['AirLink']],
  [1, ['Teltonika Networks'], ['RUT', 'RMS']],
  [1, ['Beckhoff Automation'], ['TwinCAT', 'CX']],
  [1, ['Huawei'], ['SUN2000']],
  [1, ['SMA Solar Technology'], ['Sunny Boy', 'Sunny Tripower']],
  [1, ['CONTEC'], ['SolarView', 'CONPROSYS']],
  [1, ['Red Lion Controls'], ['Crimson', 'ST-IPm']],
];

const SCORES: readonly [number, string][] = [
  [5.3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L'],
  [6.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N'],
  [7.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'],
  [8.6, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H'],
  [9.8, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
];
const severity = (s: number) => (s < 4 ? 'LOW' : s < 7 ? 'MEDIUM' : s < 9 ? 'HIGH' : 'CRITICAL');

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

/** The i-th advisory of a corpus of `count` (i from 0). */
export function corpusAdvisory(i: number): Record<string, unknown> {
  const next = random(i + 1);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  const total = VENDORS.reduce((sum, [w]) => sum + w, 0);
  let roll = next() * total;
  const vendor = VENDORS.find(([w]) => (roll -= w) < 0) ?? VENDORS[0]!;
  const [, vendorNames, families] = vendor;
  const id = `ICSA-${17 + (i % 8)}-${String(1 + (i % 365)).padStart(3, '0')}-${String(1 + Math.floor(i / 365)).padStart(2, '0')}`;
  const year = 2017 + (i % 8);
  const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`;
  let pid = 1;
  const affected: string[] = [];
  const fixed: string[] = [];
  const branches = new Map<string, unknown[]>();
  for (let p = 0, products = 1 + int(8); p < products; p++) {
    const vendorName = pick(vendorNames);
    const code = `${String.fromCharCode(65 + int(26))}${100 + int(900)}`;
    const product = `${pick(families)} ${code}${next() < 0.4 ? ' Series' : ''}`;
    const leaves = [];
    for (let l = 0, count = 1 + int(3); l < count; l++) {
      const [a, b] = [int(10), int(100)];
      const range = [
        `<= ${a}.${String(b).padStart(3, '0')}R`,
        `>= R${a}.01.00 | <= R${a + 1}.06.00`,
        `<V${a}.0.${b}.0`,
        `vers:generic/>=${a}.0|<${a}.${b}`,
        'vers:all/*',
        `<= ${a}.${b} (Including ${a}.${b}.1)`,
        `prior to ${a}.${b}`,
      ][int(7)]!;
      const productId = `CSAFPID-${String(pid++).padStart(4, '0')}`;
      const isFixed = next() < 0.15;
      (isFixed ? fixed : affected).push(productId);
      const text = isFixed ? `${a + 1}.${b}` : range;
      const helper = next() < 0.5 ? { product_identification_helper: { model_numbers: [`${code}-*`, `${code}?${a}`] } } : {};
      leaves.push({
        category: isFixed ? 'product_version' : 'product_version_range',
        name: text,
        product: { name: `${vendorName.trim()} ${product} ${text}`, product_id: productId, ...helper },
      });
    }
    const list = branches.get(vendorName) ?? [];
    list.push({ category: 'product_name', name: product, branches: leaves });
    branches.set(vendorName, list);
  }
  if (affected.length === 0) affected.push(...fixed.splice(0, 1));
  const status: Record<string, string[]> = { known_affected: affected, ...(fixed.length ? { fixed } : {}) };
  const vulnerabilities = Array.from({ length: 1 + int(4) }, (_, v) => {
    const [score, vector] = pick(SCORES);
    return {
      cve: `CVE-${year}-${String(10_000 + i * 4 + v)}`,
      notes: [{ category: 'summary', title: 'Vulnerability summary', text: 'An attacker could stop the device or run code on it.' }],
      product_status: status,
      scores: [{ products: affected, cvss_v3: { version: '3.1', vectorString: vector, baseScore: score, baseSeverity: severity(score) } }],
      remediations: [{ category: pick(['vendor_fix', 'mitigation', 'workaround']), details: 'Update to the fixed version, or isolate the device from the network.', product_ids: affected }],
    };
  });
  const title = `${vendorNames[0]!.trim()} ${families[0]}`;
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title,
      lang: 'en-US',
      distribution: { text: 'Disclosure is not limited', tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/', contact_details: 'central@cisa.dhs.gov' },
      notes: [{ category: 'summary', title: 'Risk evaluation', text: 'Successful exploitation could allow an attacker to cause a denial of service.' }],
      references: [{ category: 'self', summary: `ICS Advisory ${id}`, url: `https://www.cisa.gov/news-events/ics-advisories/${id.toLowerCase()}` }],
      tracking: {
        id,
        status: 'final',
        version: '1',
        initial_release_date: date,
        current_release_date: date,
        revision_history: [{ date, number: '1', summary: 'Initial publication' }],
        generator: { engine: { name: 'Hoan bench corpus', version: '1.0' } },
      },
    },
    product_tree: { branches: [...branches].map(([name, list]) => ({ category: 'vendor', name, branches: list })) },
    vulnerabilities,
  };
}
