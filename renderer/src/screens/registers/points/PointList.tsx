import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, SiteRegisters } from '../../../../../electron/api/contract';
import { api } from '../../../api/client';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { toErrorShape } from '../../../lib/use-load';
import { pointsHref } from './points-href';
import { PointFlags } from './PointFlags';

/** The 接続点台帳 as a table, in the user's order; reordered with the arrows. */
export function PointList({ siteId, registers, readOnly, onChange }: { siteId: string; registers: SiteRegisters; readOnly: boolean; onChange(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const points = registers.points;

  async function move(id: string, position: number) {
    setFailure(null);
    try {
      await api.registers.movePoint({ siteId, id, position });
      onChange();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  if (points.length === 0) return <p className="empty">{t('registers.points.empty')}</p>;
  return (
    <>
      {failure && <ErrorMessage error={failure} />}
      <div className="table-scroll">
        <table className="table point-table" data-testid="point-table">
          <thead>
            <tr>
              {!readOnly && <th scope="col" className="point-order">{t('registers.points.columns.order')}</th>}
              <th scope="col">{t('registers.points.columns.name')}</th>
              <th scope="col">{t('registers.points.columns.kindMedium')}</th>
              <th scope="col">{t('registers.points.columns.peer')}</th>
              <th scope="col">{t('registers.points.columns.inside')}</th>
              <th scope="col">{t('registers.points.columns.defences')}</th>
              <th scope="col">{t('registers.points.columns.needed')}</th>
              <th scope="col">{t('registers.points.columns.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.id}>
                {!readOnly && (
                  <td className="point-order">
                    <button type="button" className="link-button" disabled={i === 0} onClick={() => void move(p.id, i - 1)} aria-label={t('registers.points.moveUp', { name: p.name })}>
                      {t('registers.points.up')}
                    </button>
                    <button type="button" className="link-button" disabled={i === points.length - 1} onClick={() => void move(p.id, i + 1)} aria-label={t('registers.points.moveDown', { name: p.name })}>
                      {t('registers.points.down')}
                    </button>
                  </td>
                )}
                <td>
                  <a href={pointsHref(siteId, p.id)}>{p.name}</a>
                </td>
                <td>
                  {t(`registers.pointKinds.${p.kind}`)}
                  <span className="muted point-sub">
                    {t(`registers.media.${p.medium}`)}
                    {p.mediumNote && t('registers.points.mediumNote', { note: p.mediumNote })}
                  </span>
                </td>
                <td>{p.peer}</td>
                <td>
                  {p.ends
                    .filter((e) => e.side === 'inside')
                    .map((e) => (
                      <span key={e.assetId} className="point-device">
                        <span className="mono">{e.assetId}</span> {e.deviceName ?? ''}
                      </span>
                    ))}
                </td>
                <td className="num">{p.defences.length}</td>
                <td>{p.needed ? t('registers.points.needed') : t('registers.points.removalBy', { date: p.removalDate })}</td>
                <td>
                  <PointFlags flags={registers.flags.filter((f) => f.entryId === p.id)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
