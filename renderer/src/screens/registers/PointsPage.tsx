import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedPoint } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSiteAccess } from '../../lib/site-access';
import { useLoad } from '../../lib/use-load';
import { NetworkZones } from './points/NetworkZones';
import { PointForm } from './points/PointForm';
import { PointList } from './points/PointList';
import { pointsHref } from './points/points-href';
import './points/points.css';

/**
 * The 接続点台帳 (6-2-2, 6-2-3): `points` lists the points and the network
 * zones the diagram reads; `points/new` and `points/<id>` are one point's form.
 */
export function PointsPage({ siteId, rest }: { siteId: string; rest: string[] }) {
  const { t } = useTranslation();
  const { readOnly } = useSiteAccess();
  const [page] = rest;
  // Read again on every page: a point just created is then on its own page at once.
  const [load, reload] = useLoad(() => api.registers.get({ siteId }), [siteId, page]);
  const [saved, setSaved] = useState<SavedPoint | null>(null);

  if (load.state === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  const registers = load.data;

  if (page) {
    const point = page === 'new' ? null : (registers.points.find((p) => p.id === page) ?? undefined);
    return (
      <section aria-labelledby="registers-heading">
        <div className="page-header">
          <h1 id="registers-heading">{point ? point.name : t(page === 'new' ? 'registers.points.newHeading' : 'registers.nav.points')}</h1>
          <div className="actions">
            <a href={pointsHref(siteId)}>{t('registers.points.back')}</a>
          </div>
        </div>
        {point === undefined || (page === 'new' && readOnly) ? (
          <p className="empty">{t('registers.points.notFound')}</p>
        ) : (
          <PointForm
            key={point?.updatedAt ?? 'new'}
            siteId={siteId}
            registers={registers}
            point={point}
            readOnly={readOnly}
            savedFlags={saved && saved.point.id === point?.id ? saved.flags : null}
            onSaved={(result) => {
              setSaved(result);
              reload();
            }}
          />
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="registers-heading">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.nav.points')}</h1>
        {!readOnly && (
          <div className="actions">
            <a className="button button-primary" href={pointsHref(siteId, 'new')}>
              {t('registers.points.add')}
            </a>
          </div>
        )}
      </div>
      <p className="points-intro">{t('registers.points.intro')}</p>
      <PointList siteId={siteId} registers={registers} readOnly={readOnly} onChange={reload} />
      <NetworkZones siteId={siteId} registers={registers} readOnly={readOnly} onChange={() => reload()} />
    </section>
  );
}
