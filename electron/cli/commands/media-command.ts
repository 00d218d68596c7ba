import path from 'node:path';
import type { ChannelInput } from '../../api/contract';
import { translate } from '../../core/i18n/translate';
import { exportLogXlsx } from '../../core/media/log-export';
import { findMedium, findMediumByControlNo } from '../../core/media/media-registry';
import type { CheckInBody, LogEntry, VerifyResult } from '../../core/media/media-types';
import { waitForScanJob } from '../../core/media/scan-jobs';
import { verifyLines } from '../../core/media/verify-text';
import { actingUser, userNameOf } from '../../core/settings/acting-user';
import { documentDates } from '../../core/settings/settings-repository';
import { getSite } from '../../core/sites/site-repository';
import { formatDateTime } from '../../core/time/format-date';
import { notFound } from '../../core/errors';
import { EXIT } from '../cli-io';
import { call, failWith, print, requireArg, UsageError, type Command, type Session } from '../session';

const FLAG_OF_FIELD: Record<string, string> = { person: '--person', company: '--company', purpose: '--purpose', targets: '--targets', mediumId: '--medium', siteId: '--site', path: 'PATH' };
const flagFor = (p: string) => FLAG_OF_FIELD[p.split('.')[0] ?? ''] ?? p;

function siteOf(s: Session, values: Record<string, unknown>): string {
  const site = requireArg(values.site as string | undefined);
  // Validated by the router on every call; here only so that a wrong id is "not found" before a scan starts.
  if (/^[0-9a-f-]{36}$/i.test(site)) getSite(s.core.db, site);
  return site;
}

/** A medium by its id or by its 管理番号 within the site. */
function mediumOf(s: Session, siteId: string, ref: string): string {
  const byId = /^[0-9a-f-]{36}$/i.test(ref) ? findMedium(s.core.db, ref) : undefined;
  const medium = byId?.siteId === siteId ? byId : findMediumByControlNo(s.core.db, siteId, ref);
  if (!medium) throw failWith(s.locale, notFound('medium', ref).toShape());
  return medium.id;
}

export function verifyText(s: Session, r: VerifyResult): string {
  const dates = documentDates(s.core.db, s.locale);
  return verifyLines(r, (key, params) => translate(s.locale, key, params), (iso) => formatDateTime(iso, dates)).join('\n');
}

/** Tampering outranks the missing guards: both are printed, the exit code names the worse. */
const verifyExit = (r: VerifyResult) => (r.tampered ? EXIT.verifyFailed : r.guardsPresent ? EXIT.ok : EXIT.logGuardsMissing);

function entryText(s: Session, e: LogEntry): string {
  const t = (key: string) => translate(s.locale, key);
  return [`#${e.n}`, e.decision ? t(`media.decisions.${e.decision}`) : '', e.result ? t(`media.results.${e.result}`) : '', e.controlNo, e.id].join('\t');
}

async function scan(s: Session, target: string, values: Record<string, unknown>): Promise<number> {
  // Before the scan, which can take minutes: the check-in after it records who made it.
  actingUser(s.core);
  const siteId = siteOf(s, values);
  const mediumId = mediumOf(s, siteId, requireArg(values.medium as string | undefined));
  const started = await call(s, 'media:scanStart', { siteId, path: path.resolve(target), scan: true }, flagFor);
  const progress = s.json ? undefined : setInterval(() => s.io.err(translate(s.locale, 'media.cli.scanning', { path: started.path })), 10_000);
  const job = await waitForScanJob(s.core, started.id).finally(() => clearInterval(progress));
  if (job.state !== 'done') {
    throw failWith(s.locale, job.error ?? { code: 'io', messageKey: 'media.errors.jobCancelled' });
  }
  const input: ChannelInput<'media:checkIn'> = {
    siteId,
    mediumId,
    person: (values.person as string | undefined) ?? userNameOf(s.core),
    company: (values.company as string | undefined) ?? '',
    purpose: (values.purpose as string | undefined) ?? translate(s.locale, 'media.cli.defaultPurpose'),
    targets: ((values.targets as string | undefined) ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    method: 'scan_here',
    jobId: job.id,
  };
  const entry = await call(s, 'media:checkIn', input, flagFor);
  print(s, entry, () => entryText(s, entry));
  // A scan that proved nothing says why and what to do; the scanner's own words are in the entry's raw log.
  const record = (entry.body as CheckInBody).scan;
  if (record?.result === 'error' && !s.json) s.io.err(translate(s.locale, `media.scanErrors.${record.errorReason ?? 'unknown'}`));
  return entry.decision === 'allowed' ? EXIT.ok : EXIT.mediumDenied;
}

export const mediaCommand: Command = {
  name: 'media',
  usage: [
    'hoan media list --site SITE_ID',
    'hoan media log verify --site SITE_ID            (exit 7 when tampering is found, 50 when the log\'s guards were removed)',
    'hoan media log export --site SITE_ID --xlsx FILE',
    'hoan media scan PATH --site SITE_ID --medium ID|管理番号 [--person P] [--company C] [--purpose X] [--targets A,B]',
    '                                                (exit 8 when the medium is denied)',
  ],
  options: {
    site: { type: 'string' },
    xlsx: { type: 'string' },
    medium: { type: 'string' },
    person: { type: 'string' },
    company: { type: 'string' },
    purpose: { type: 'string' },
    targets: { type: 'string' },
  },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'list': {
        const media = await call(s, 'media:list', { siteId: siteOf(s, values), includeInactive: true });
        return print(s, media, () => media.map((m) => `${m.id}\t${m.controlNo}\t${translate(s.locale, `media.types.${m.type}`)}\t${translate(s.locale, `media.statuses.${m.status}`)}`).join('\n'));
      }
      case 'log': {
        const siteId = siteOf(s, values);
        if (args[0] === 'verify') {
          const result = await call(s, 'media:verify', { siteId });
          print(s, result, () => verifyText(s, result));
          return verifyExit(result);
        }
        if (args[0] === 'export') {
          const file = requireArg(values.xlsx as string | undefined);
          const result = await exportLogXlsx(s.core, siteId, {}, file, s.locale);
          return print(s, result, () => `${result.path}\t${result.rows}`);
        }
        throw new UsageError();
      }
      case 'scan':
        return scan(s, requireArg(args[0]), values);
      default:
        throw new UsageError();
    }
  },
};
