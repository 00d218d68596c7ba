import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad } from '../../lib/use-load';
import { MediaLog } from './MediaLog';
import { useMediaList } from './use-media-list';

/** One medium's history: its registry changes and every checkpoint entry that names it. */
export function MediumScreen({ siteId, mediumId }: { siteId: string; mediumId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [load] = useLoad(() => api.media.get({ id: mediumId }), [mediumId]);
  const { media } = useMediaList(siteId);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  const { medium, history } = load.data;
  const label = (field: string) => (field in { controlNo: 1, type: 1, description: 1, ownerPerson: 1, ownerCompany: 1, serial: 1, status: 1 } ? t(`media.registry.fields.${field}`) : field);
  const change = (h: AuditEntry) =>
    h.changes.map((c) => t('media.medium.change', { field: label(c.field), old: c.old ?? '—', new: c.new ?? '—' })).join(' / ');

  return (
    <section aria-labelledby="medium-heading">
      <div className="page-header">
        <h1 id="medium-heading">{t('media.medium.heading', { controlNo: medium.controlNo })}</h1>
      </div>
      <div className="columns">
        <div className="card">
          <h2>{t('media.medium.facts')}</h2>
          <dl className="facts">
            {(
              [
                ['type', t(`media.types.${medium.type}`)],
                ['description', medium.description],
                ['ownerPerson', medium.ownerPerson],
                ['ownerCompany', medium.ownerCompany],
                ['serial', medium.serial],
                ['status', t(`media.statuses.${medium.status}`)],
              ] as const
            ).map(([key, value]) => (
              <div key={key}>
                <dt>{t(`media.registry.fields.${key}`)}</dt>
                <dd>{value || t('media.entry.none')}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card">
          <h2>{t('media.medium.registryHistory')}</h2>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {`${formatDateTime(h.at, settings)} ${t(h.action === 'create' ? 'media.medium.created' : 'media.medium.updated')}${h.userName ? ` (${h.userName})` : ''}`}
                {h.action !== 'create' && <div className="muted">{change(h)}</div>}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h2>{t('media.medium.logHistory')}</h2>
      <MediaLog siteId={siteId} media={media} fixed={{ mediumId }} showFilters={false} height={300} testId="medium-log" emptyText={t('media.medium.logEmpty')} />
    </section>
  );
}
