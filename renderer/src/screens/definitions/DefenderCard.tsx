import { useTranslation } from 'react-i18next';
import type { DefinitionsStatus } from '../../../../electron/api/contract';
import { Facts } from '../../components/Facts';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

/** The last Defender package Hoan had Defender apply: the version Defender reported afterwards, and who, from where, when. */
export function DefenderCard({ defender }: { defender: NonNullable<DefinitionsStatus['defender']> }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const k = (key: string) => t(`definitions.screen.current.${key}`);
  const none = k('noValue');
  const when = (iso: string | null) => (iso ? formatDateTime(iso, settings) : none);
  const source =
    defender.source.kind === 'file'
      ? t('definitions.screen.current.fromFile', { path: defender.source.path })
      : t('definitions.screen.current.fromBundle', { bundle: defender.source.bundleId, site: defender.source.siteId });
  return (
    <section className="card" aria-labelledby="definitions-defender" data-testid="definitions-defender">
      <h2 id="definitions-defender">{t('definitions.screen.defender.heading')}</h2>
      <p className="muted">{t('definitions.screen.defender.intro')}</p>
      <Facts
        rows={[
          [k('version'), defender.version ?? none],
          [t('definitions.screen.defender.updatedAt'), when(defender.builtAt)],
          [k('age'), defender.ageDays === null ? none : t('definitions.screen.current.days', { days: formatNumber(defender.ageDays, settings.language) })],
          [k('source'), <span className="definitions-source">{source}</span>],
          [k('importedBy'), defender.importedBy],
          [k('importedAt'), when(defender.importedAt)],
        ]}
      />
    </section>
  );
}
