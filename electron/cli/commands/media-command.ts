import path from 'node:path';
import type { ChannelInput, Envelope } from '../../api/contract';
import { translate } from '../../core/i18n/translate';
import type { UsedDefinitions } from '../../core/definitions/definitions-types';
import { decisionText } from '../../core/media/entry-words';
import { exceptionNeeded } from '../../core/media/judgement';
import { exportLogXlsx } from '../../core/media/log-export';
import { findMedium, findMediumByControlNo } from '../../core/media/media-registry';
import type { MediumType } from '../../core/media/media-schema';
import type { CheckInBody, LogEntry, Medium, VerifyResult } from '../../core/media/media-types';
import { waitForScanJob } from '../../core/media/scan-jobs';
import { verifyLines } from '../../core/media/verify-text';
import { actingUser, userNameOf } from '../../core/settings/acting-user';
import { documentDates } from '../../core/settings/settings-repository';
import { getSite } from '../../core/sites/site-repository';
import { formatDateTime } from '../../core/time/format-date';
import { notFound } from '../../core/errors';
import { EXIT } from '../cli-io';
import { call, failWith, print, requireArg, UsageError, type Command, type Session } from '../session';

const FLAG_OF_FIELD: Record<string, string> = {
  person: '--person', company: '--company', purpose: '--purpose', targets: '--targets', mediumId: '--medium', siteId: '--site', path: 'PATH',
  'exception.approver': '--approver', 'exception.reason': '--exception-reason', exception: '--approver, --exception-reason',
  'fields.controlNo': '--control-no', controlNo: '--control-no', 'fields.type': '--type', 'fields.ownerPerson': '--owner-name', 'fields.ownerCompany': '--owner-company', 'fields.serial': '--serial',
};
const flagFor = (p: string) => FLAG_OF_FIELD[p.split('.').slice(0, 2).join('.')] ?? FLAG_OF_FIELD[p.split('.')[0] ?? ''] ?? p;

/** `--type` words, short enough to type at a checkpoint, for the registry's kinds. */
const TYPE_WORDS: Record<string, MediumType> = { usb: 'usb_stick', hdd: 'external_disk', sd: 'sd_card', pc: 'laptop', instrument: 'instrument', other: 'other' };

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
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  return [`#${e.n}`, decisionText(t, e), e.result ? t(`media.results.${e.result}`) : '', e.controlNo, e.id].join('\t');
}

/** The definitions a scan used, one fact a line (label, tab, value), as the entry records them. */
function definitionsText(s: Session, d: UsedDefinitions): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  const none = t('media.definitions.unknown');
  const age = d.ageDays === null ? none : t('media.definitions.days', { days: d.ageDays });
  return [
    [t('media.definitions.version'), `${d.version ?? none} (${t(`media.definitionsSources.${d.source}`)})`],
    [t('media.definitions.builtAt'), d.builtAt ? formatDateTime(d.builtAt, documentDates(s.core.db, s.locale)) : none],
    [t('media.definitions.age'), age],
    [t('media.definitions.limit'), t('media.definitions.days', { days: d.maxAgeDays })],
    [t('media.definitions.state'), t(d.stale ? 'media.definitions.stale' : 'media.definitions.fresh')],
  ]
    .map((line) => line.join('\t'))
    .join('\n');
}

function mediumText(s: Session, m: Medium): string {
  return `${m.id}\t${m.controlNo}\t${translate(s.locale, `media.types.${m.type}`)}\t${translate(s.locale, `media.statuses.${m.status}`)}`;
}

/** Registers a medium from a terminal, as the registry screen does; every field is checked by the same schema. */
async function add(s: Session, values: Record<string, unknown>): Promise<number> {
  const siteId = siteOf(s, values);
  const word = (values.type as string | undefined)?.trim().toLowerCase();
  const input = {
    siteId,
    fields: {
      controlNo: (values['control-no'] as string | undefined) ?? '',
      // An unknown word goes through as it is, so the schema reports it with the other fields.
      type: (word === undefined ? undefined : (TYPE_WORDS[word] ?? word)) as MediumType,
      ownerPerson: (values['owner-name'] as string | undefined) ?? '',
      ownerCompany: (values['owner-company'] as string | undefined) ?? '',
      serial: (values.serial as string | undefined) ?? '',
    },
  };
  const envelope = (await s.router.handle('media:create', input)) as Envelope<Medium>;
  if (!envelope.ok) {
    const words = Object.keys(TYPE_WORDS).join(', ');
    const fields = envelope.error.fields?.map((f) => (f.path === 'fields.type' ? { ...f, messageKey: 'media.cli.unknownType', params: { words } } : f));
    throw failWith(s.locale, { ...envelope.error, ...(fields ? { fields } : {}) }, flagFor);
  }
  print(s, envelope.data, () => mediumText(s, envelope.data));
  return EXIT.ok;
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
  // An exception given on the command line is used only where the check needs one, as the check-in screen offers it only then.
  const approver = values.approver as string | undefined;
  const reason = values['exception-reason'] as string | undefined;
  const outcome = job.outcome!;
  if ((approver !== undefined || reason !== undefined) && exceptionNeeded(outcome.result ?? 'error', outcome.scan?.definitions?.stale === true) !== null) {
    input.exception = { approver: approver ?? '', reason: reason ?? '' };
  }
  const entry = await call(s, 'media:checkIn', input, flagFor);
  const record = (entry.body as CheckInBody).scan;
  print(s, entry, () => [entryText(s, entry), ...(record?.definitions ? [definitionsText(s, record.definitions)] : [])].join('\n'));
  if (!s.json) {
    // A scan that proved nothing says why and what to do; the scanner's own words are in the entry's raw log.
    if (record?.result === 'error') s.io.err(translate(s.locale, `media.scanErrors.${record.errorReason ?? 'unknown'}`));
    if (record?.definitions?.stale && entry.decision === 'denied') s.io.err(translate(s.locale, 'media.cli.staleDenied', { limit: record.definitions.maxAgeDays }));
  }
  return entry.decision === 'denied' ? EXIT.mediumDenied : EXIT.ok;
}

export const mediaCommand: Command = {
  name: 'media',
  usage: [
    'hoan media list --site SITE_ID',
    'hoan media log verify --site SITE_ID            (exit 7 when tampering is found, 50 when the log\'s guards were removed)',
    'hoan media log export --site SITE_ID --xlsx FILE',
    'hoan media add --site SITE_ID --control-no NO --type usb|hdd|sd|pc|instrument|other [--owner-name N] [--owner-company C] [--serial X]',
    'hoan media scan PATH --site SITE_ID --medium ID|管理番号 [--person P] [--company C] [--purpose X] [--targets A,B]',
    '                [--approver NAME --exception-reason TEXT]  (exit 8 when the medium is denied: found something, could not scan,',
    '                                                or definitions older than the site\'s limit, unless the exception is given)',
  ],
  options: {
    site: { type: 'string' },
    xlsx: { type: 'string' },
    medium: { type: 'string' },
    person: { type: 'string' },
    company: { type: 'string' },
    purpose: { type: 'string' },
    targets: { type: 'string' },
    approver: { type: 'string' },
    'exception-reason': { type: 'string' },
    'control-no': { type: 'string' },
    type: { type: 'string' },
    'owner-name': { type: 'string' },
    'owner-company': { type: 'string' },
    serial: { type: 'string' },
  },
  async run(s, [verb, ...args], values) {
    switch (verb) {
      case 'list': {
        const media = await call(s, 'media:list', { siteId: siteOf(s, values), includeInactive: true });
        return print(s, media, () => media.map((m) => mediumText(s, m)).join('\n'));
      }
      case 'add':
        return add(s, values);
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
