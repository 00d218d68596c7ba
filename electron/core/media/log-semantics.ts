import { EXCEPTION_COVERS, exceptionNeeded, isStale, type ExceptionCovers } from './judgement';
import type { RawRow } from './log-rows';
import type { ScanResult } from './media-schema';
import type { LogFinding, LogFindingProblem, LogWarningProblem } from './media-types';

/**
 * What the hashes cannot show: an entry whose hash is right but whose words
 * contradict themselves or the entry before it. Anyone who knows the hash
 * encoding can append an entry that links correctly; these checks catch one
 * that claims what Hoan never writes.
 *
 * - Time runs forward along the chain. An entry dated before the one before
 *   it by up to CLOCK_TOLERANCE_MS is a warning (a clock set back a little);
 *   more is a finding. Five minutes is the clock skew Windows domains (and
 *   Kerberos's default) already tolerate, so a laptop's clock being nudged by
 *   time sync stays a warning, while an entry dated hours or years back — a
 *   back-dated entry, or a clock so wrong that the log's times need an
 *   explanation for the inspector anyway — is a finding.
 * - A check-in's 結果 follows from its method (check-in.ts): a scan here
 *   carries Hoan's scan record and takes its result, finished before the
 *   entry; prior evidence carries the certificate and takes its result; no
 *   check gives `no_evidence`. Its 判定 follows from the result and, for a
 *   scan here, from whether its definitions were stale (judge(),
 *   media-schema.ts); an exception names an approver and a reason, and says
 *   what it covers (`exceptionCovers`; absent in older entries, which could
 *   only cover the result). A scan record's `definitions.stale` follows from
 *   its own `ageDays` and `maxAgeDays` (isStale, scan-definitions.ts).
 *   Check-outs and corrections claim no result or 判定.
 *
 * Bodies are read with indexOf, not JSON.parse: on the benchmark's bodies
 * JSON.parse costs as much as the SHA-256 the walk already pays, and verify
 * reads a million of them. This is safe because Hoan writes bodies as
 * canonical JSON (canonicalJson: no whitespace; every `"` inside a string is
 * written `\"`), so `{"scan":` or `,"scan":` can only be the key `scan`,
 * never text inside a string; in a CheckInBody (media-types.ts) the keys
 * `scan`, `prior`, `result`, `endedAt`, `detections`, `maxAgeDays` and
 * `stale` occur only where read here, and the top-level keys come in sorted
 * order (exceptionCovers, manifest, prior, scan, targets). A scan record's
 * keys are sorted too: `definitions` (when recorded) comes first, its own
 * keys in the order ageDays, builtAt, files, maxAgeDays, setId, source,
 * stale, version. A forged body that places such keys elsewhere gains
 * nothing that a well-formed forged scan record would not; a test compares
 * this reader with JSON.parse on bodies full of quotes and look-alike keys.
 */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** Findings and warnings kept for display; the totals count all of them. */
export const SHOWN_FINDINGS = 100;

const ISO_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SCAN_RESULTS = new Set(['clean', 'infected', 'error']);

type Key = 'scan' | 'prior' | 'result' | 'endedAt' | 'detections';
const NEEDLES = Object.fromEntries(
  (['scan', 'prior', 'result', 'endedAt', 'detections'] as const).map((k) => [k, [`,"${k}":`, `{"${k}":`]]),
) as Record<Key, [string, string]>;

/**
 * The position just after `"key":` where it is a key, from `from` on; -1 when absent. A key
 * follows `,` (or `{` when it sorts first), so `,"key":` is searched first: one native indexOf.
 */
function valueAfterKey(body: string, key: Key, from = 0, to = body.length): number {
  const [afterComma, afterBrace] = NEEDLES[key];
  const comma = body.indexOf(afterComma, from);
  if (comma !== -1 && comma < to) return comma + afterComma.length;
  const brace = body.indexOf(afterBrace, from);
  return brace !== -1 && brace < to ? brace + afterBrace.length : -1;
}

/** A string value at `at` (just after the colon), or null when the value is not a string. */
function stringAt(body: string, at: number): string | null {
  if (at < 0 || body.charCodeAt(at) !== 0x22) return null;
  const end = body.indexOf('"', at + 1);
  return end === -1 ? null : body.slice(at + 1, end);
}

/** What a scan record's `definitions` says about their age; absent in entries recorded before it was kept. */
export interface DefinitionsClaim {
  ageDays: number | null;
  maxAgeDays: number | null;
  stale: boolean | null;
}

export interface ScanClaim {
  result: string | null;
  endedAt: string | null;
  detections: boolean;
  definitions: DefinitionsClaim | null;
}

const NO_DETECTIONS = '"detections":[],"endedAt":';
const DEFINITIONS = '{"definitions":{"ageDays":';

/** A non-negative integer or `null` at `at`; undefined when it is neither. */
function countAt(body: string, at: number): { value: number | null; end: number } | undefined {
  if (body.startsWith('null', at)) return { value: null, end: at + 4 };
  let end = at;
  while (end < body.length && body.charCodeAt(end) >= 0x30 && body.charCodeAt(end) <= 0x39) end++;
  return end > at && end - at < 16 ? { value: Number(body.slice(at, end)), end } : undefined;
}

/** Where the JSON string or `null` at `at` ends; -1 when it is neither. Escaped quotes are skipped. */
function skipStringOrNull(body: string, at: number): number {
  if (body.startsWith('null', at)) return at + 4;
  if (body.charCodeAt(at) !== 0x22) return -1;
  for (let i = body.indexOf('"', at + 1); i !== -1; i = body.indexOf('"', i + 1)) {
    let slashes = 0;
    while (body.charCodeAt(i - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return i + 1;
  }
  return -1;
}

/**
 * A scan record's `definitions` (first key of the record at `at`), and where
 * the object ends (the `,` before `detections`; -1 when not found where
 * Hoan writes it, and the caller searches instead).
 */
function readDefinitionsClaim(body: string, at: number, end: number): { claim: DefinitionsClaim; next: number } | null {
  if (!body.startsWith(DEFINITIONS, at)) return null;
  const age = countAt(body, at + DEFINITIONS.length);
  const claim: DefinitionsClaim = { ageDays: age?.value ?? null, maxAgeDays: null, stale: null };
  if (!age) return { claim, next: -1 };
  // `files` holds only strings and nulls, so the next `,"maxAgeDays":` is the key.
  const maxKey = body.indexOf(',"maxAgeDays":', age.end);
  const max = maxKey < 0 || maxKey >= end ? undefined : countAt(body, maxKey + 14);
  if (!max || max.value === null) return { claim, next: -1 };
  claim.maxAgeDays = max.value;
  const staleKey = body.indexOf(',"stale":', max.end);
  if (staleKey < 0 || staleKey >= end) return { claim, next: -1 };
  const staleAt = staleKey + 9;
  claim.stale = body.startsWith('true', staleAt) ? true : body.startsWith('false', staleAt) ? false : null;
  const versionAt = staleAt + (claim.stale === true ? 4 : 5);
  const closeAt = body.startsWith(',"version":', versionAt) ? skipStringOrNull(body, versionAt + 11) : -1;
  return { claim, next: closeAt >= 0 && body.charCodeAt(closeAt) === 0x7d ? closeAt + 1 : -1 };
}

/** What a check-in body's scan record says; null when there is none. */
export function readScanClaim(body: string): ScanClaim | null {
  // The scan record ends where the top-level `targets` begins (its array holds only strings).
  const targets = body.lastIndexOf(',"targets":[');
  const end = targets < 0 ? body.length : targets;
  const at = valueAfterKey(body, 'scan', 0, end);
  if (at < 0 || body.charCodeAt(at) !== 0x7b) return null;
  const defs = readDefinitionsClaim(body, at, end);
  // `detections` follows `definitions` (or opens the record); with none, `endedAt` follows at a known place.
  const before = defs ? defs.next : at;
  const none = before >= 0 && (body.charCodeAt(before) === 0x7b || body.charCodeAt(before) === 0x2c) && body.startsWith(NO_DETECTIONS, before + 1);
  const detectionsAt = none ? before + 14 : valueAfterKey(body, 'detections', at, end);
  return {
    result: stringAt(body, valueAfterKey(body, 'result', at, end)),
    endedAt: stringAt(body, none ? before + 1 + NO_DETECTIONS.length : valueAfterKey(body, 'endedAt', at, end)),
    detections: detectionsAt >= 0 && body.startsWith('[{', detectionsAt),
    definitions: defs?.claim ?? null,
  };
}

const COVERS = '{"exceptionCovers":';

/** What a check-in body says its exception covers (the first key when present); null when it says nothing. */
export function readExceptionCovers(body: string): string | null {
  return body.startsWith(COVERS) ? stringAt(body, COVERS.length) : null;
}

/** The result a check-in body's prior-scan certificate states; undefined when there is none. */
export function readPriorClaim(body: string): string | null | undefined {
  const at = valueAfterKey(body, 'prior');
  if (at < 0 || body.charCodeAt(at) !== 0x7b) return undefined;
  const scan = valueAfterKey(body, 'scan', at);
  return stringAt(body, valueAfterKey(body, 'result', at, scan < 0 ? body.length : scan));
}

export interface SemanticResult {
  findings: LogFinding[];
  findingsTotal: number;
  warnings: LogFinding<LogWarningProblem>[];
  warningsTotal: number;
  /** The last well-formed time seen: where the next slice's first entry is compared. */
  lastAt: string | null;
}

/**
 * Checks entries one at a time in chain order. The single-threaded walk and
 * each worker's slice use the same checker; a slice starts from the time of
 * the entry before it, so the slices together say what one walk would.
 */
export class SemanticCheck {
  private readonly out: SemanticResult;

  constructor(prevAt: string | null = null) {
    this.out = { findings: [], findingsTotal: 0, warnings: [], warningsTotal: 0, lastAt: prevAt };
  }

  private find(problem: LogFindingProblem, r: RawRow, prevAt: string | null = null): void {
    if (this.out.findingsTotal++ < SHOWN_FINDINGS) this.out.findings.push({ problem, n: r[3], entryId: r[1], seq: r[0], at: r[5], prevAt });
  }

  entry(r: RawRow): void {
    const at = r[5];
    const prevAt = this.out.lastAt;
    if (!ISO_AT.test(at)) this.find('time_invalid', r, prevAt);
    else {
      if (prevAt !== null && at < prevAt) {
        if (Date.parse(prevAt) - Date.parse(at) > CLOCK_TOLERANCE_MS) this.find('time_reversed', r, prevAt);
        else if (this.out.warningsTotal++ < SHOWN_FINDINGS) this.out.warnings.push({ problem: 'clock_back', n: r[3], entryId: r[1], seq: r[0], at, prevAt });
      }
      this.out.lastAt = at;
    }

    const [method, result, decision] = [r[12], r[13], r[14]];
    if (r[4] !== 'check_in') {
      if (method !== null || result !== null || decision !== null) this.find('unexpected_claim', r);
      return;
    }
    const body = r[19];
    let stale = false;
    if (method === 'scan_here') {
      const scan = readScanClaim(body);
      if (!scan || !scan.result || !SCAN_RESULTS.has(scan.result) || !scan.endedAt || !ISO_AT.test(scan.endedAt)) this.find('scan_record_missing', r);
      else {
        if (scan.result !== result || (scan.result === 'clean' && scan.detections)) this.find('scan_result_mismatch', r);
        if (scan.endedAt > at && Date.parse(scan.endedAt) - Date.parse(at) > CLOCK_TOLERANCE_MS) this.find('scan_after_entry', r);
        const d = scan.definitions;
        if (d) {
          if (d.maxAgeDays === null || d.stale === null || d.stale !== isStale(d.ageDays, d.maxAgeDays)) this.find('definitions_stale_mismatch', r);
          // Judged by the age, not the flag: a flag set false on old definitions does not make them fresh.
          stale = d.stale === true || (d.maxAgeDays !== null && isStale(d.ageDays, d.maxAgeDays));
        }
      }
    } else if (method === 'prior_evidence') {
      const prior = readPriorClaim(body);
      if (prior === undefined || prior === null) this.find('prior_record_missing', r);
      else if (prior !== result) this.find('prior_result_mismatch', r);
    } else if (method !== 'none' || result !== 'no_evidence') this.find('method_result_mismatch', r);

    const needed = exceptionNeeded(result as ScanResult, stale);
    if (needed === null ? decision !== 'allowed' : decision !== 'denied' && decision !== 'exception') this.find('decision_mismatch', r);
    if (decision === 'exception' && (r[15].trim() === '' || r[16].trim() === '')) this.find('exception_incomplete', r);
    const covers = readExceptionCovers(body);
    if (covers !== null && !EXCEPTION_COVERS.includes(covers as ExceptionCovers)) this.find('exception_covers_mismatch', r);
    else if (decision === 'exception' ? needed !== null && (covers ?? 'scan_result') !== needed : covers !== null) this.find('exception_covers_mismatch', r);
  }

  result(): SemanticResult {
    return this.out;
  }
}

/** Slices' results in chain order, as one walk would have reported them. */
export function mergeSemantic(parts: SemanticResult[]): SemanticResult {
  return {
    findings: parts.flatMap((p) => p.findings).slice(0, SHOWN_FINDINGS),
    findingsTotal: parts.reduce((n, p) => n + p.findingsTotal, 0),
    warnings: parts.flatMap((p) => p.warnings).slice(0, SHOWN_FINDINGS),
    warningsTotal: parts.reduce((n, p) => n + p.warningsTotal, 0),
    lastAt: parts.at(-1)?.lastAt ?? null,
  };
}
