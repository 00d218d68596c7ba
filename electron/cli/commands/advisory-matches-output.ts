import type { AdvisoryMatch } from '../../api/contract';
import { translate } from '../../core/i18n/translate';
import { call, print, requireArg, type OptionValues, type Session } from '../session';

/**
 * The --json shape of `hoan advisories matches` (issue 13): `advisoryId` is
 * the advisory's document.tracking.id; `versionRange` and `deviceVersion`
 * are as written in the advisory and the inventory; `cvss` is the highest
 * CVSS v3 base score among the vulnerabilities that touch the matched
 * product (null when none is given).
 */
function matchJson(m: AdvisoryMatch) {
  return {
    assetId: m.assetId,
    advisoryId: m.advisoryId,
    status: m.status,
    cves: m.cves,
    cvss: m.cvss,
    vendor: m.vendor,
    product: m.product,
    versionRange: m.versionRange,
    deviceVersion: m.deviceVersion,
    confidence: m.confidence,
    remediations: m.remediations,
    deviceId: m.deviceId,
    publisherNamespace: m.publisherNamespace,
    advisoryVersion: m.advisoryVersion,
    advisorySha256: m.advisorySha256,
    title: m.title,
  };
}

function matchesText(s: Session, matches: AdvisoryMatch[]): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(s.locale, `advisories.match.${key}`, params);
  const affected = matches.filter((m) => m.status === 'affected').length;
  const lines = [t('cli.summary', { total: matches.length, affected, review: matches.length - affected })];
  for (const m of matches) {
    lines.push(
      t('cli.line', {
        assetId: m.assetId,
        advisoryId: m.advisoryId,
        status: t(`status.${m.status}`),
        cvss: m.cvss === null ? '—' : m.cvss.toFixed(1),
        vendor: m.vendor,
        product: m.product,
        range: m.versionRange || '—',
        version: m.deviceVersion || t('cli.noVersion'),
        confidence: t(`confidence.${m.confidence}`),
      }),
    );
  }
  return lines.join('\n');
}

/** `hoan advisories matches --site S [--json]`: the site's devices that current advisories name (8-4-1). */
export async function printMatches(s: Session, values: OptionValues): Promise<void> {
  const siteId = requireArg(values.site as string | undefined);
  const matches = await call(s, 'advisories:matches', { siteId }, () => '--site');
  print(s, { matches: matches.map(matchJson) }, () => matchesText(s, matches));
}
