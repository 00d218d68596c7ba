import fs from 'node:fs';
import path from 'node:path';
import type { AdvisoryFileOutcome, AdvisoryImportReport } from '../../api/contract';
import { HoanError } from '../../core/errors';
import { translate } from '../../core/i18n/translate';
import { documentDates } from '../../core/settings/settings-repository';
import { formatDateTime } from '../../core/time/format-date';
import { ADVISORIES_EXIT, EXIT } from '../cli-io';
import { call, CliFailure, failWith, print, requireArg, UsageError, type Command, type Session } from '../session';
import { runTriage, TRIAGE_OPTIONS, TRIAGE_USAGE } from './advisories-triage';

function outcomeLine(s: Session, o: AdvisoryFileOutcome): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  const what = o.trackingId ? `${o.trackingId}${o.version ? ` ${t('advisories.import.cli.version', { version: o.version })}` : ''}` : '';
  const why = [
    ...(o.status === 'updated' && o.previousVersion ? [t('advisories.import.cli.previous', { version: o.previousVersion })] : []),
    ...(o.reason ? [t(o.reason.key, o.reason.params)] : []),
    ...(o.notes ?? []).map((n) => t(n.key, n.params)),
    ...(o.integrity && o.status !== 'refused' ? [t(`advisories.import.integrity.${o.integrity}`)] : []),
  ];
  return [t(`advisories.import.status.${o.status}`), o.file, what, why.join(' ')].filter(Boolean).join('\t');
}

function reportText(s: Session, report: AdvisoryImportReport): string {
  return [...report.files.map((o) => outcomeLine(s, o)), translate(s.locale, 'advisories.import.cli.counts', report.counts)].join('\n');
}

function readKeyFile(s: Session, file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.size > 256 * 1024) throw new Error('over 256 KB');
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw failWith(s.locale, new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) }).toShape());
  }
}

/** `hoan advisories import|list|keys`: CSAF 2.0 advisories for the whole installation (8-4-1, issue 13). */
export const advisoriesCommand: Command = {
  name: 'advisories',
  usage: [
    'hoan advisories import FILE|FOLDER|FEED... [--json]   (CSAF 2.0 JSON; folders recursively; .sha512 and .asc beside a file are checked)',
    'hoan advisories list [--search TEXT]',
    'hoan advisories keys add FILE [--yes] | list | remove FINGERPRINT   (publishers\' OpenPGP keys for .asc signatures)',
    ...TRIAGE_USAGE,
  ],
  options: { yes: { type: 'boolean' }, search: { type: 'string' }, site: { type: 'string' }, ...TRIAGE_OPTIONS },
  async run(s, [verb, ...args], values) {
    const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
    switch (verb) {
      case 'triage':
        return runTriage(s, args, values);
      case 'import': {
        if (args.length === 0) throw new UsageError();
        const report = await call(s, 'advisories:import', { paths: args.map((a) => path.resolve(a)) });
        print(s, report, () => reportText(s, report));
        if (report.files.length === 0) {
          if (!s.json) s.io.err(t('advisories.import.cli.nothingFound'));
          return ADVISORIES_EXIT.nothingFound;
        }
        return report.counts.refused > 0 ? ADVISORIES_EXIT.someRefused : EXIT.ok;
      }
      case 'list': {
        const search = values.search as string | undefined;
        const page = await call(s, 'advisories:list', { ...(search ? { search } : {}), limit: 500 });
        const dates = documentDates(s.core.db, s.locale);
        return print(s, page, () =>
          [
            ...page.items.map((a) =>
              [a.trackingId, t('advisories.import.cli.version', { version: a.version }), formatDateTime(a.currentReleaseDate, dates), a.cvss ?? '—', a.cves.join(' '), a.title].join('\t'),
            ),
            t('advisories.import.cli.listed', { shown: page.items.length, total: page.total }),
          ].join('\n'),
        );
      }
      case 'keys':
        return keys(s, args, values.yes === true);
      default:
        throw new UsageError();
    }
  },
};

/**
 * A publisher key is trusted only once a person has compared its fingerprint
 * with the publisher's (asked y/N at a terminal, or `--yes` from a script that
 * compared it), as `hoan trust add` does for bundle signers.
 */
async function keys(s: Session, [verb, arg]: string[], yes: boolean): Promise<number | void> {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, key, params);
  switch (verb) {
    case 'add': {
      const armored = readKeyFile(s, requireArg(arg));
      const preview = await call(s, 'advisories:keysPreview', { armored });
      if (!s.json || !yes) s.io.err([t('advisories.import.keys.cli.willAdd'), `  ${preview.fingerprint}  ${preview.userIds.join(', ')}`, t('advisories.import.keys.cli.compare')].join('\n'));
      if (!yes) {
        if (!s.io.interactive || !s.io.ask) throw new CliFailure(EXIT.usage, [t('advisories.import.keys.cli.needsYes')]);
        const answer = (await s.io.ask(t('advisories.import.keys.cli.question'))).trim().toLowerCase();
        if (!['y', 'yes', 'はい'].includes(answer)) {
          s.io.err(t('advisories.import.keys.cli.declined'));
          return EXIT.declined;
        }
      }
      const added = await call(s, 'advisories:keysAdd', { armored });
      return print(s, added, () => `${added.fingerprint}\t${added.userIds.join(', ')}`);
    }
    case 'list': {
      const list = await call(s, 'advisories:keysList', {});
      return print(s, list, () => (list.length ? list.map((k) => `${k.fingerprint}\t${k.userIds.join(', ')}\t${k.addedBy}`).join('\n') : t('advisories.import.keys.cli.none')));
    }
    case 'remove': {
      const removed = await call(s, 'advisories:keysRemove', { fingerprint: requireArg(arg) });
      return print(s, removed, () => t('advisories.import.keys.cli.removed', { fingerprint: removed.fingerprint }));
    }
    default:
      throw new UsageError();
  }
}
