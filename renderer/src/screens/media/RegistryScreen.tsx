import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium } from '../../../../electron/api/contract';
import { Notice } from '../../components/ErrorMessage';
import { mediaHref } from './media-paths';
import { MediumForm } from './MediumForm';
import { useMediaList } from './use-media-list';

/** USB sticks, disks, SD cards, laptops, instruments: 管理番号, owner, serial, status. */
export function RegistryScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { media, reload } = useMediaList(siteId);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Medium | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const shown = showInactive ? media : media.filter((m) => m.status === 'active');

  return (
    <section aria-labelledby="registry-heading">
      <div className="page-header">
        <h1 id="registry-heading">{t('media.registry.heading')}</h1>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('media.actions.register')}
          </button>
        </div>
      </div>
      <p className="media-intro">{t('media.registry.intro')}</p>
      {saved && <Notice>{t('media.registry.saved')}</Notice>}
      {editing && (
        <MediumForm
          key={editing === 'new' ? 'new' : editing.id}
          siteId={siteId}
          medium={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            setSaved(true);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <label className="inline-check">
        <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
        {t('media.registry.showInactive')}
      </label>
      {shown.length === 0 ? (
        <p className="empty">{t('media.registry.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="media-registry">
            <thead>
              <tr>
                <th scope="col">{t('media.registry.fields.controlNo')}</th>
                <th scope="col">{t('media.registry.fields.type')}</th>
                <th scope="col">{t('media.registry.fields.description')}</th>
                <th scope="col">{t('media.registry.owner')}</th>
                <th scope="col">{t('media.registry.fields.serial')}</th>
                <th scope="col">{t('media.registry.fields.status')}</th>
                <th scope="col">
                  <span className="muted">{t('media.actions.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.id} className={m.status === 'active' ? undefined : 'row-archived'}>
                  <td>
                    <a href={mediaHref(siteId, 'medium', m.id)}>{m.controlNo}</a>
                  </td>
                  <td>{t(`media.types.${m.type}`)}</td>
                  <td>{m.description}</td>
                  <td>{[m.ownerPerson, m.ownerCompany].filter(Boolean).join(' / ')}</td>
                  <td className="mono">{m.serial}</td>
                  <td>{t(`media.statuses.${m.status}`)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => setEditing(m)} aria-label={`${t('media.actions.edit')} ${m.controlNo}`}>
                      {t('media.actions.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
