import type { VerifyResult } from './media-types';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface VerifyText {
  /** One line: tampering found, the protection removed, or nothing found. */
  summary: string;
  /** What the check was held against (the exported heads). */
  anchors: string;
  /** Each sign of tampering, in the order found. */
  tampering: string[];
  /** The database's protection removed, and what to do. */
  guards: string | null;
  /** Clock adjustments: reported, not tampering. */
  warnings: string[];
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * A verify result in words, for the CLI, the xlsx export and the report (the
 * screen renders the same keys itself). Times are shown with `time`.
 */
export function verifyText(r: VerifyResult, t: Translate, time: (iso: string) => string): VerifyText {
  const tampering: string[] = [];
  const b = r.firstBreak;
  if (b) tampering.push(t(`media.verify.problems.${b.problem}`, { n: b.n, expected: b.expectedN }));
  for (const m of r.anchors.mismatches) {
    tampering.push(t(`media.verify.anchors.${m.problem}`, { fileName: m.fileName || m.bundleId, sequence: m.sequence, date: time(m.baggedAt), n: m.n ?? 0 }));
  }
  for (const f of r.findings) {
    tampering.push(t(`media.verify.findings.${f.problem}`, { n: f.n, at: time(f.at), prevAt: f.prevAt ? time(f.prevAt) : '', tolerance: minutes(r.clockToleranceMs) }));
  }
  if (r.findingsTotal > r.findings.length) tampering.push(t('media.verify.more', { count: r.findingsTotal - r.findings.length }));

  const warnings = r.warnings.map((w) =>
    t('media.verify.warnings.clock_back', { n: w.n, at: time(w.at), prevAt: time(w.prevAt ?? w.at), seconds: Math.round((Date.parse(w.prevAt ?? w.at) - Date.parse(w.at)) / 1000) }),
  );
  if (r.warningsTotal > r.warnings.length) warnings.push(t('media.verify.more', { count: r.warningsTotal - r.warnings.length }));

  const guards = r.guardsPresent ? null : t('media.verify.guardsMissing', { names: r.guardsMissing.join(', ') });
  const summary = r.tampered
    ? t('media.verify.tampered', { entries: r.entries })
    : r.guardsPresent
      ? t('media.verify.ok', { entries: r.entries })
      : t('media.verify.okUnprotected', { entries: r.entries });
  const anchors = r.anchors.checked > 0 ? t('media.verify.anchorsChecked', { count: r.anchors.checked }) : t('media.verify.noAnchors');
  return { summary, anchors, tampering, guards, warnings };
}

/** The same, as lines: summary, each finding, the guards, the anchors, then the warnings. */
export function verifyLines(r: VerifyResult, t: Translate, time: (iso: string) => string): string[] {
  const v = verifyText(r, t, time);
  return [v.summary, ...v.tampering.map((l) => `  ${l}`), ...(v.guards ? [v.guards] : []), v.anchors, ...(v.warnings.length ? [t('media.verify.warningsHeading'), ...v.warnings.map((l) => `  ${l}`)] : [])];
}
