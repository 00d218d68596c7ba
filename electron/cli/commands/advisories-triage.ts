import type { TriageDecision, TriageOverview, TriageStatus } from '../../api/contract';
import { translate } from '../../core/i18n/translate';
import { documentDates } from '../../core/settings/settings-repository';
import { formatDateTime } from '../../core/time/format-date';
import { TRIAGE_EXIT } from '../cli-io';
import { call, CliFailure, print, requireArg, UsageError, type OptionValues, type Session } from '../session';

/**
 * `hoan advisories triage`: one decision for a (device, advisory) pair, or the
 * site's matches with their decisions (--list). `--patched-version` rather
 * than `--version`: that flag is `hoan --version` everywhere.
 */
export const TRIAGE_OPTIONS = {
  asset: { type: 'string' },
  advisory: { type: 'string' },
  publisher: { type: 'string' },
  status: { type: 'string' },
  reason: { type: 'string' },
  note: { type: 'string' },
  control: { type: 'string' },
  due: { type: 'string' },
  'patched-version': { type: 'string' },
  list: { type: 'boolean' },
} as const;

export const TRIAGE_USAGE = [
  'hoan advisories triage --site S --asset A --advisory ID --status affected|not_affected|in_progress|resolved|risk_accepted',
  '    [--reason version_not_affected|function_not_used|not_reachable|other] [--note TEXT] [--control TEXT] [--due YYYY-MM-DD]',
  '    [--patched-version V] [--publisher NAMESPACE]   (resolved: V goes into the inventory; risk_accepted: --control and --due, into the risk register)',
  'hoan advisories triage --site S --list [--status open|affected|…|closed]',
];

/** Each triage refusal's own exit code (cli-io.ts); field errors stay 3. */
const EXIT_OF_KEY: Record<string, number> = {
  'advisories.triage.errors.noMatch': TRIAGE_EXIT.noMatch,
  'advisories.triage.errors.noDevice': TRIAGE_EXIT.noMatch,
  'advisories.triage.errors.noOpenRound': TRIAGE_EXIT.noOpenRound,
  'advisories.triage.errors.ambiguousAdvisory': TRIAGE_EXIT.ambiguousAdvisory,
};

/** Field paths as the flags that set them. */
const FLAG_OF: Record<string, string> = {
  siteId: '--site',
  deviceId: '--asset',
  assetId: '--asset',
  advisoryId: '--advisory',
  publisherNamespace: '--publisher',
  status: '--status',
  reasonCode: '--reason',
  note: '--note',
  compensatingControl: '--control',
  dueOn: '--due',
  version: '--patched-version',
};
const flagOf = (path: string) => FLAG_OF[path.split('.')[0]!] ?? path;

async function withExitCodes<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const key = err instanceof CliFailure ? err.error?.messageKey : undefined;
    const code = key ? EXIT_OF_KEY[key] : undefined;
    if (code === undefined) throw err;
    throw new CliFailure(code, (err as CliFailure).lines, (err as CliFailure).error);
  }
}

function listText(s: Session, overview: TriageOverview): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, `advisories.triage.${key}`, params);
  const lines = [
    (['open', 'affected', 'not_affected', 'in_progress', 'resolved', 'risk_accepted', 'closed'] as const)
      .map((k) => `${t(`status.${k}`)} ${overview.counts[k]}`)
      .join(' / '),
  ];
  if (overview.highestOpenCvss !== null) lines.push(`${t('counts.unsettled', { count: overview.unsettled })}, ${t('counts.highestCvss', { score: overview.highestOpenCvss })}`);
  for (const m of overview.matches) {
    const reopened = m.reopened
      ? [
          m.reopened.advisoryRevised && t('reopened.advisoryRevised', m.reopened.advisoryRevised),
          m.reopened.versionChanged && t('reopened.versionChanged', { from: m.reopened.versionChanged.from || t('reopened.none'), to: m.reopened.versionChanged.to || t('reopened.none') }),
          m.reopened.stillAffected && t('reopened.stillAffected', m.reopened.stillAffected),
        ].filter(Boolean)
      : [];
    lines.push(
      [
        m.assetId,
        m.advisoryId,
        t(`match.${m.status}`),
        t(`status.${m.triage}`) + (m.overdue ? ` (${t('overdue')})` : ''),
        m.cvss ?? '-',
        `${m.versionRange || t('noRange')} / ${m.deviceVersion || t('noVersion')}`,
        m.title,
      ].join('\t'),
      ...reopened.map((r) => `  ${r}`),
    );
  }
  for (const c of overview.closed) {
    lines.push([c.assetId, c.decision.advisoryId, t('status.closed'), t(`status.${c.decision.status}`), c.title].join('\t'));
  }
  if (overview.matches.length === 0 && overview.closed.length === 0) lines.push(t('counts.none'));
  return lines.join('\n');
}

function decisionText(s: Session, d: TriageDecision): string {
  const dates = documentDates(s.core.db, s.locale);
  return translate(s.locale, 'advisories.triage.cli.decided', {
    status: translate(s.locale, `advisories.triage.status.${d.status}`),
    advisory: d.advisoryId,
    at: formatDateTime(d.decidedAt, dates),
  });
}

export async function runTriage(s: Session, args: string[], values: OptionValues): Promise<void> {
  if (args.length > 0) throw new UsageError();
  const siteId = requireArg(values.site as string | undefined);
  if (values.list === true) {
    const status = values.status as string | undefined;
    const overview = await call(s, 'advisories:triage', { siteId, ...(status ? { status: status.split(',') as TriageStatus[] } : {}) }, flagOf);
    return print(s, overview, () => listText(s, overview));
  }
  const str = (name: string) => values[name] as string | undefined;
  const decided = await withExitCodes(() =>
    call(
      s,
      'advisories:decide',
      {
        siteId,
        assetId: requireArg(str('asset')),
        advisoryId: requireArg(str('advisory')),
        status: requireArg(str('status')) as TriageStatus,
        ...(str('publisher') !== undefined ? { publisherNamespace: str('publisher')! } : {}),
        ...(str('reason') !== undefined ? { reasonCode: str('reason') as never } : {}),
        ...(str('note') !== undefined ? { note: str('note')! } : {}),
        ...(str('control') !== undefined ? { compensatingControl: str('control')! } : {}),
        ...(str('due') !== undefined ? { dueOn: str('due')! } : {}),
        ...(str('patched-version') !== undefined ? { version: str('patched-version')! } : {}),
      },
      flagOf,
    ),
  );
  print(s, decided, () => decisionText(s, decided));
}
