import { useTranslation } from 'react-i18next';
import type { SiteRegisters } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, today } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useLoad, type Load } from '../../lib/use-load';
import { partyName } from './party-label';
import { registersHref } from './RegistersSection';

/**
 * `#/sites/<id>/registers/contacts/card`: the call order as a one-page A4
 * card in large type, to post in the electric room (10-2, 10-3). Printing
 * hides the app around it (registers.css); the card ends with the competent
 * 産業保安監督部 and its number from the region table.
 */
export function ContactCard({ siteId, registers }: { siteId: string; registers: Load<SiteRegisters> }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [site] = useLoad(() => api.sites.get({ id: siteId }), [siteId]);
  if (registers.state === 'error') return <ErrorMessage error={registers.error} />;
  if (registers.state !== 'ready') return <p className="muted" aria-busy="true">{t('app.loading')}</p>;
  const { parties, contactSteps, office } = registers.data;
  const byId = new Map(parties.map((p) => [p.id, p]));
  const officeName = settings.language === 'ja' ? office.officeJa : office.officeEn;

  return (
    <section aria-labelledby="contact-card-heading">
      <div className="contact-card-controls actions">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t('registers.card.print')}
        </button>
        <a className="button" href={registersHref(siteId, 'contacts')}>
          {t('registers.card.back')}
        </a>
      </div>
      <article className={`contact-card${contactSteps.length > 6 ? ' card-dense' : ''}`} data-testid="contact-card">
        <header>
          <h1 id="contact-card-heading">{t('registers.card.title')}</h1>
          {site.state === 'ready' && <p className="card-site">{site.data.site.name}</p>}
          <p className="card-lead">{t('registers.card.lead')}</p>
        </header>
        {contactSteps.length === 0 && <p className="card-empty">{t('registers.card.empty')}</p>}
        <table className="card-table">
          <colgroup>
            <col className="col-order" />
            <col className="col-who" />
            <col className="col-phone" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="card-order">{t('registers.card.columns.order')}</th>
              <th scope="col">{t('registers.card.columns.who')}</th>
              <th scope="col">{t('registers.card.columns.phone')}</th>
              <th scope="col">{t('registers.card.columns.note')}</th>
            </tr>
          </thead>
          <tbody>
            {contactSteps.map((s, i) => {
              const p = byId.get(s.partyId);
              if (!p) return null;
              return (
                <tr key={s.partyId} data-testid="card-step">
                  <td className="card-order">{i + 1}</td>
                  <td>
                    <div className="card-who">
                      <div className="card-role">{roleWithTitle(t(`registers.roles.${p.role}`), p.title)}</div>
                      <div className="card-name">{partyName(p)}</div>
                      {p.personName && p.organisation && <div className="card-org">{p.organisation}</div>}
                    </div>
                  </td>
                  <td className="card-phone">
                    <Phone number={p.phone} />
                    {p.phoneAfterHours && (
                      <div className="card-after">
                        {t('registers.card.columns.afterHours')} <Phone number={p.phoneAfterHours} />
                      </div>
                    )}
                  </td>
                  <td className="card-note">{s.note}</td>
                </tr>
              );
            })}
            <tr className="card-office" data-testid="card-office">
              <td className="card-order">{contactSteps.length + 1}</td>
              <td>
                <div className="card-who">
                  <div className="card-role">{t('registers.office')}</div>
                  <div className="card-name">{officeName}</div>
                </div>
              </td>
              <td className="card-phone">
                <Phone number={office.phone} />
              </td>
              <td className="card-note">{t('registers.card.officeNote')}</td>
            </tr>
          </tbody>
        </table>
        <footer className="card-footer">{t('registers.card.made', { date: formatDate(today(settings), settings) })}</footer>
      </article>
    </section>
  );
}

/** "セキュリティ責任者・発電所長"; a title the role already says (外部委託先（電気管理技術者）) is not repeated. */
function roleWithTitle(role: string, title: string): string {
  return title && !role.includes(title) ? `${role}・${title}` : role;
}

/** A number never broken at its hyphens; an extension may go to the next line. */
function Phone({ number }: { number: string }) {
  const [main, extension] = number.split(/ (?=内線)/);
  return (
    <>
      <span className="nowrap">{main}</span>
      {extension && (
        <>
          {' '}
          <span className="nowrap card-extension">{extension}</span>
        </>
      )}
    </>
  );
}
