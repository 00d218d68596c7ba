import fs from 'node:fs';
import path from 'node:path';
import { jobStatus, waitForJob } from '../../core/bundle/bundle-jobs';
import { startVerifyJob } from '../../core/bundle/bundle-service';
import type { AdvisoriesOutcome, AdvisorySelection, BagSummary, BundleJob, CarriedDefinitions, DefinitionsOutcome, ExportReconciliation, ExportResult, VerifyReport } from '../../core/bundle/bundle-types';
import { allowedSignersLookup } from '../../core/bundle/trust-lookup';
import { verifyBundle } from '../../core/bundle/verify-bundle';
import { HoanError } from '../../core/errors';
import { translate } from '../../core/i18n/translate';
import { documentDates } from '../../core/settings/settings-repository';
import { formatDateTime } from '../../core/time/format-date';
import { BUNDLE_EXIT, EXIT } from '../cli-io';
import { call, CliFailure, failWith, print, requireArg, UsageError, type Command, type Session } from '../session';

/** The media log head a site bundle declares, or a note that a bundle from an earlier Hoan does not. */
function mediaLogHeadText(s: Session, bag: BagSummary): string {
  const head = bag.mediaLogHead;
  const value = head ? translate(s.locale, 'bundle.report.mediaLogHeadValue', { entries: head.entries, hash: head.hash }) : translate(s.locale, 'bundle.report.mediaLogHeadAbsent');
  return `${translate(s.locale, 'bundle.report.mediaLogHead')}: ${value}`;
}

/** A definitions set's version and build time as the messages name them, in the installation's date style. */
function definitionsParams(s: Session, d: Pick<CarriedDefinitions, 'version' | 'builtAt'>): { version: string; builtAt: string } {
  return {
    version: d.version ?? translate(s.locale, 'bundle.definitions.unknownVersion'),
    builtAt: d.builtAt ? formatDateTime(d.builtAt, documentDates(s.core.db, s.locale)) : translate(s.locale, 'bundle.definitions.unknownBuilt'),
  };
}

function carriedText(s: Session, d: CarriedDefinitions): string {
  return `${translate(s.locale, 'bundle.definitions.carried')}: ${translate(s.locale, 'bundle.definitions.carriedValue', { ...definitionsParams(s, d), files: d.files.length })}`;
}

/** What became of an imported bundle's definitions, with the store's reason when it refused them. */
export function outcomeText(s: Session, d: DefinitionsOutcome): string {
  const line = translate(s.locale, `bundle.definitions.outcome.${d.state}`, definitionsParams(s, d));
  return d.reason ? `${line}\n${translate(s.locale, 'bundle.definitions.outcome.reason', { reason: translate(s.locale, d.reason.messageKey, d.reason.params) })}` : line;
}

/** How many advisories an export carries, chosen how. */
function sentAdvisoriesText(s: Session, a: NonNullable<ExportResult['advisories']>): string {
  const line = translate(s.locale, `advisories.bundle.sent.${a.selection}`, { count: a.count });
  return a.aliasTableVersion === null ? line : `${line}\n${translate(s.locale, 'advisories.bundle.sent.aliasTable', { version: a.aliasTableVersion })}`;
}

/** What the advisory store made of an imported bundle's advisories, each refusal with its reason. */
export function advisoriesOutcomeText(s: Session, a: AdvisoriesOutcome): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  return [
    t('advisories.bundle.outcome.counts', { ...a.counts }),
    ...(a.counts.pending > 0 ? [t('advisories.bundle.outcome.pendingNote', { pending: a.counts.pending })] : []),
    ...a.refused.map((r) => `  ${t('advisories.bundle.outcome.refusedLine', { id: r.trackingId, version: r.version, reason: r.reason ? t(r.reason.messageKey, r.reason.params) : '' })}`),
    ...(a.aliasTable ? [t(a.aliasTable.installed ? 'advisories.bundle.outcome.aliasInstalled' : 'advisories.bundle.outcome.aliasKept', { version: a.aliasTable.version })] : []),
  ].join('\n');
}

export function reportText(s: Session, report: VerifyReport): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  if (report.ok && report.bag) {
    const ok = t('bundle.report.ok', { file: report.fileName, site: report.bag.siteName, signer: report.bag.signerName, fingerprint: report.bag.signerFingerprint, sequence: report.bag.sequence });
    if (report.bag.kind === 'site') return `${ok}\n${mediaLogHeadText(s, report.bag)}`;
    return report.definitions ? `${ok}\n${carriedText(s, report.definitions)}` : ok;
  }
  // An unknown signer is the one refusal with a routine fix: say what it is.
  const untrusted = report.failures.find((f) => f.class === 'untrusted_signer');
  return [
    t('bundle.report.failed', { file: report.fileName }),
    ...report.failures.map((f) => `  [${f.class}] ${t(`bundle.classes.${f.class}`)}${f.entry ? `: ${f.entry}` : ''} — ${t(`bundle.reasons.${f.reason}`, f.params)}`),
    ...(untrusted ? [t('bundle.untrusted.stepsCli', untrusted.params)] : []),
  ].join('\n');
}

/** Interrupted exports this export settled first (export-reconcile.ts), one line each. */
function earlierText(s: Session, earlier: ExportReconciliation[]): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  const detail = (e: ExportReconciliation) =>
    e.outcome !== 'set_aside' ? e.detail : t(e.detail === 'unreadable' ? 'bundle.export.earlier.unreadable' : `bundle.classes.${e.detail}`);
  return [
    t('bundle.export.earlier.heading'),
    ...earlier.map((e) => `  ${t(`bundle.export.earlier.${e.outcome}`, { file: e.fileName, dir: e.targetDir, sequence: e.sequence, detail: detail(e) })}`),
  ].join('\n');
}

/** An export refused for its definitions: its own exit code, so a head-office script can tell it from other refusals. */
async function definitionsRefusal<T>(started: Promise<T>): Promise<T> {
  try {
    return await started;
  } catch (err) {
    const key = err instanceof CliFailure ? err.error?.messageKey : undefined;
    if (key === 'bundle.errors.noDefinitions') throw new CliFailure(EXIT.noDefinitionsToSend, (err as CliFailure).lines, (err as CliFailure).error);
    if (key === 'bundle.errors.definitionsOnlyReview') throw new CliFailure(EXIT.definitionsOnlyReview, (err as CliFailure).lines, (err as CliFailure).error);
    if (key === 'advisories.bundle.errors.onlyReview') throw new CliFailure(EXIT.advisoriesOnlyReview, (err as CliFailure).lines, (err as CliFailure).error);
    throw err;
  }
}

const exitOf = (report: VerifyReport) => (report.ok ? EXIT.ok : BUNDLE_EXIT[report.failures[0]!.class]);

/** Runs a job to its end, with a line of progress on stderr now and then. */
async function finish(s: Session, job: BundleJob): Promise<BundleJob> {
  const mb = (n: number) => Math.floor(n / 1048576);
  const timer = s.json
    ? undefined
    : setInterval(() => {
        const now = jobStatus(s.core, job.id);
        s.io.err(translate(s.locale, 'bundle.cli.progress', { done: mb(now.bytesDone), total: mb(now.bytesTotal) }));
      }, 5_000);
  try {
    const done = await waitForJob(s.core, job.id);
    if (done.state !== 'done') throw failWith(s.locale, done.error ?? { code: 'internal', messageKey: 'errors.internal' });
    return done;
  } finally {
    clearInterval(timer);
  }
}

function fileArg(s: Session, arg: string | undefined): string {
  const file = path.resolve(requireArg(arg));
  if (!fs.existsSync(file)) throw failWith(s.locale, new HoanError('validation', 'bundle.errors.sourceMissing', { path: file }).toShape());
  return file;
}

/** `hoan bundle export|verify|import`: bundles over removable media. Exit codes per failure class (cli-io.ts). */
export const bundleCommand: Command = {
  name: 'bundle',
  usage: [
    'hoan bundle export --site SITE_ID --out DIR [--with-definitions]  (head office: add its current definitions to the site\'s review; exit 76 none here, 77 not a review)',
    '        [--advisories new|relevant|none]  (head office: advisories not yet sent to the site (default), only those matching its inventory, or none; exit 90 not a review)',
    'hoan bundle verify FILE [--trust allowed_signers]  (exit 0 valid, 10-42 by failure class)',
    'hoan bundle import FILE  (exit 75: imported, but the definitions it carried were refused; 91: imported, but some advisories were refused)',
    'hoan bundle history [--site SITE_ID]',
  ],
  options: { site: { type: 'string' }, out: { type: 'string' }, trust: { type: 'string' }, 'with-definitions': { type: 'boolean' }, advisories: { type: 'string' } },
  async run(s, [verb, arg], values) {
    switch (verb) {
      case 'export': {
        const siteId = requireArg(values.site as string | undefined);
        const targetDir = path.resolve(requireArg(values.out as string | undefined));
        // Checked by the router like any input: a word other than new, relevant or none is refused there.
        const advisories = values.advisories as AdvisorySelection | undefined;
        const job = await finish(
          s,
          await definitionsRefusal(call(s, 'bundle:exportStart', { siteId, targetDir, ...(values['with-definitions'] ? { withDefinitions: true } : {}), ...(advisories ? { advisories } : {}) })),
        );
        if (!s.json && job.exported!.earlier.length > 0) s.io.err(earlierText(s, job.exported!.earlier));
        const sent = job.exported!.definitions;
        return print(s, job.exported, () =>
          [
            `${job.exported!.path}\t${job.exported!.bundleId}\t${translate(s.locale, 'bundle.export.safeToRemove')}`,
            ...(sent ? [translate(s.locale, 'bundle.definitions.sent', definitionsParams(s, sent))] : []),
            ...(job.exported!.advisories ? [sentAdvisoriesText(s, job.exported!.advisories)] : []),
          ].join('\n'),
        );
      }
      case 'verify': {
        const file = fileArg(s, arg);
        const trustFile = values.trust as string | undefined;
        // With --trust, the bundle is judged on its own against that file: no trust store, no history.
        const report = trustFile
          ? (await verifyBundle(file, { trust: allowedSignersLookup(fs.readFileSync(path.resolve(trustFile), 'utf8')), db: null, now: s.core.now() })).report
          : (await finish(s, startVerifyJob(s.core, { path: file }))).report!;
        print(s, report, () => reportText(s, report));
        return exitOf(report);
      }
      case 'import': {
        const job = await finish(s, await call(s, 'bundle:importStart', { source: { path: fileArg(s, arg) } }));
        const report = job.report!;
        const definitions = job.imported?.definitions ?? null;
        print(s, { report, imported: job.imported }, () =>
          job.imported
            ? [
                translate(s.locale, 'bundle.report.imported', { site: job.imported.siteName, bundle: job.imported.bundleId }),
                ...(definitions ? [outcomeText(s, definitions)] : []),
                ...(job.imported.advisories ? [advisoriesOutcomeText(s, job.imported.advisories)] : []),
              ].join('\n')
            : reportText(s, report),
        );
        if (definitions?.state === 'refused') return EXIT.definitionsRefused;
        return (job.imported?.advisories?.counts.refused ?? 0) > 0 ? EXIT.advisoriesRefused : exitOf(report);
      }
      case 'history': {
        const list = await call(s, 'bundle:history', values.site ? { siteId: values.site as string } : {});
        const dates = documentDates(s.core.db, s.locale);
        const definitionsCell = (d: DefinitionsOutcome | null) =>
          d ? translate(s.locale, 'bundle.definitions.historyValue', { ...definitionsParams(s, d), state: translate(s.locale, `bundle.definitions.states.${d.state}`) }) : '';
        return print(s, list, () =>
          list.map((b) => [formatDateTime(b.recordedAt, dates), translate(s.locale, `bundle.history.directions.${b.direction}`), b.siteName, b.signerName, `#${b.sequence}`, b.id, definitionsCell(b.definitions)].join('\t').trimEnd()).join('\n'),
        );
      }
      default:
        throw new UsageError();
    }
  },
};
