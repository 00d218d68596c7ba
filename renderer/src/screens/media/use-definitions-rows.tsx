import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsedDefinitions } from '../../../../electron/api/contract';
import { ageText } from '../../../../electron/core/media/entry-words';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';

/**
 * The definitions a scan used (or the scan started now would use), as the
 * entry records them: where they come from, version, build time, and age
 * against the site's limit, marked when past it.
 */
export function useDefinitionsRows(): (d: UsedDefinitions) => [string, ReactNode][] {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const tt = (key: string, params?: Record<string, string | number>) => t(key, params ?? {});
  return (d) => {
    const unknown = t('media.definitions.unknown');
    return [
      [t('media.definitions.source'), t(`media.definitionsSources.${d.source}`)],
      [t('media.definitions.version'), d.version ?? unknown],
      [t('media.definitions.builtAt'), <span data-testid="definitions-built">{d.builtAt ? formatDateTime(d.builtAt, settings) : unknown}</span>],
      [
        t('media.definitions.ageLabel'),
        <span data-testid="definitions-age" className={d.stale ? 'definitions-stale' : undefined}>
          {d.files.length === 0 ? t('media.definitions.noFiles') : d.stale ? t('media.definitions.staleNote', { age: ageText(tt, d) }) : ageText(tt, d)}
        </span>,
      ],
    ];
  };
}
