import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSIBILITIES, type ErrorShape, type Party } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { useSettings } from '../../lib/settings-context';
import { useSiteAccess } from '../../lib/site-access';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { PartyForm } from './PartyForm';
import { partyName, svgImageSource } from './party-label';

/**
 * 体制・役割 (2-1, 2-2): the people and organisations the site's security
 * rests on, in the user's order, with the 体制図 drawn from whom each reports
 * to. Contact details are shown as text only (stored, never used for sending).
 */
export function OrganisationPage({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { readOnly } = useSiteAccess();
  const [registers, reload] = useLoad(() => api.registers.get({ siteId }), [siteId]);
  const [tick, setTick] = useState(0);
  const [chart] = useLoad(() => api.registers.orgChart({ siteId, language: settings.language }), [siteId, settings.language, tick]);
  /** null: no form; 'new': adding; else the party being edited. */
  const [editing, setEditing] = useState<Party | 'new' | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const parties = registers.state === 'ready' ? registers.data.parties : [];
  const byId = new Map(parties.map((p) => [p.id, p]));
  const refresh = () => {
    reload();
    setTick((n) => n + 1);
  };

  async function act(run: () => Promise<unknown>, done: Message) {
    try {
      await run();
      setFailure(null);
      setNotice(done);
      refresh();
    } catch (err) {
      setNotice(null);
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="registers-heading" aria-busy={registers.state === 'loading'} data-testid="organisation-page">
      <div className="page-header">
        <h1 id="registers-heading">{t('registers.nav.organisation')}</h1>
        {!readOnly && editing === null && (
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => {
              setEditing('new');
              setNotice(null);
              setFailure(null);
            }}>
              {t('registers.organisation.add')}
            </button>
          </div>
        )}
      </div>
      <p className="muted">{t('registers.organisation.intro')}</p>
      {registers.state === 'error' && <ErrorMessage error={registers.error} />}
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      {editing !== null && !readOnly && (
        <PartyForm
          key={editing === 'new' ? 'new' : editing.id}
          siteId={siteId}
          party={editing === 'new' ? null : editing}
          parties={parties}
          onCancel={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            setFailure(null);
            setNotice({ key: 'registers.organisation.saved', params: { name: partyName(p) } });
            refresh();
          }}
        />
      )}
      {registers.state === 'ready' && parties.length === 0 && <p className="empty">{t('registers.organisation.empty')}</p>}
      {parties.length > 0 && (
        <table className="table party-table" data-testid="party-table">
          <caption className="visually-hidden">{t('registers.organisation.listHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('registers.organisation.columns.role')}</th>
              <th scope="col">{t('registers.organisation.columns.name')}</th>
              <th scope="col">{t('registers.organisation.columns.contact')}</th>
              <th scope="col">{t('registers.organisation.columns.responsibilities')}</th>
              <th scope="col">{t('registers.organisation.columns.reportsTo')}</th>
              {!readOnly && <th scope="col" className="party-actions">{t('registers.organisation.columns.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {parties.map((p, i) => (
              <tr key={p.id} data-testid="party-row">
                <td>
                  {t(`registers.roles.${p.role}`)}
                  {p.title && <div className="muted">{p.title}</div>}
                </td>
                <td>
                  {p.personName && <strong>{p.personName}</strong>}
                  <div>{[p.organisation, p.department].filter(Boolean).join(' ')}</div>
                </td>
                <td className="contact-cell">
                  {p.phone && <div>{t('registers.organisation.phoneLine', { phone: p.phone })}</div>}
                  {p.phoneAfterHours && <div>{t('registers.organisation.afterHoursLine', { phone: p.phoneAfterHours })}</div>}
                  {p.email && <div>{p.email}</div>}
                </td>
                <td>
                  <ul className="plain-list">
                    {RESPONSIBILITIES.filter((r) => p.responsibilities.includes(r.id)).map((r) => (
                      <li key={r.id}>{t(`registers.responsibilities.${r.id}`)}</li>
                    ))}
                  </ul>
                  {p.responsibilityNote && <div className="muted">{p.responsibilityNote}</div>}
                </td>
                <td>{p.reportsTo ? partyName(byId.get(p.reportsTo) ?? { personName: '', organisation: '' }) : '—'}</td>
                {!readOnly && (
                  <td className="row-actions">
                    <button type="button" className="link-button" onClick={() => {
                      setEditing(p);
                      setNotice(null);
                      setFailure(null);
                    }}>
                      {t('registers.organisation.edit')}
                    </button>
                    <button type="button" className="link-button" disabled={i === 0} aria-label={t('registers.organisation.moveUp', { name: partyName(p) })}
                      onClick={() => act(() => api.registers.moveParty({ siteId, id: p.id, position: i - 1 }), { key: 'registers.organisation.moved', params: { name: partyName(p) } })}>
                      {t('registers.organisation.up')}
                    </button>
                    <button type="button" className="link-button" disabled={i === parties.length - 1} aria-label={t('registers.organisation.moveDown', { name: partyName(p) })}
                      onClick={() => act(() => api.registers.moveParty({ siteId, id: p.id, position: i + 1 }), { key: 'registers.organisation.moved', params: { name: partyName(p) } })}>
                      {t('registers.organisation.down')}
                    </button>
                    <button type="button" className="link-button" aria-label={t('registers.organisation.removeNamed', { name: partyName(p) })}
                      onClick={() => act(() => api.registers.removeParty({ siteId, id: p.id }), { key: 'registers.organisation.removed', params: { name: partyName(p) } })}>
                      {t('registers.organisation.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="card org-chart-card">
        <h2>{t('registers.organisation.chart.title')}</h2>
        {chart.state === 'error' && <ErrorMessage error={chart.error} />}
        {chart.state === 'ready' && (
          <img className="org-chart" src={svgImageSource(chart.data.svg)} width={shownWidth(chart.data.svg)} alt={t('registers.organisation.chartAlt', { count: parties.length })} data-testid="org-chart" />
        )}
      </div>
    </section>
  );
}

/** The chart a quarter larger than drawn (its text is sized for A4), never wider than the page (max-width in CSS). */
function shownWidth(svg: string): number | undefined {
  const width = Number(/^<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
  return Number.isFinite(width) && width > 0 ? Math.round(width * 1.25) : undefined;
}
