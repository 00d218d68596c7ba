import { useTranslation } from 'react-i18next';
import type { RegisterName } from '../../../../electron/api/contract';
import './registers.css';
import { hrefFor } from '../../lib/routes';
import { ContactsPage } from './ContactsPage';
import { DiagramPage } from './DiagramPage';
import { OrganisationPage } from './OrganisationPage';
import { PointsPage } from './PointsPage';
import { RegisterReviewNotes } from './RegisterReviewNotes';

const NAV = [
  { page: '', labelKey: 'registers.nav.organisation' },
  { page: 'contacts', labelKey: 'registers.nav.contacts' },
  { page: 'points', labelKey: 'registers.nav.points' },
  { page: 'diagram', labelKey: 'registers.nav.diagram' },
] as const;

/** The register each page shows, for head office's review notes (the diagram is drawn from the points). */
const REGISTER_OF_PAGE: Partial<Record<string, RegisterName>> = { '': 'organisation', contacts: 'contacts', points: 'connection_points' };

/** `#/sites/<id>/registers/<…rest>`: every register screen lives under the site's 体制・接続点 tab. */
export function registersHref(siteId: string, ...rest: string[]): string {
  return hrefFor({ name: 'site', id: siteId, section: 'registers', rest });
}

function RegistersNav({ siteId, current }: { siteId: string; current: string }) {
  const { t } = useTranslation();
  return (
    <nav className="pill-nav" aria-label={t('registers.nav.label')}>
      {NAV.map((n) => (
        <a key={n.page} href={n.page ? registersHref(siteId, n.page) : registersHref(siteId)} aria-current={current === n.page ? 'page' : undefined}>
          {t(n.labelKey)}
        </a>
      ))}
    </nav>
  );
}

/**
 * The site's registers behind the 勧告 items (issue 14): 体制・役割 (2-1, 2-2),
 * 連絡体制 (10-2, 10-3), the 接続点台帳 (6-2-2, 6-2-3) and the network diagram,
 * as pages under one tab.
 */
export function RegistersSection({ siteId, rest }: { siteId: string; rest: string[] }) {
  const { t } = useTranslation();
  const [page = '', ...more] = rest;
  let screen;
  switch (page) {
    case '':
      screen = <OrganisationPage siteId={siteId} />;
      break;
    case 'contacts':
      screen = <ContactsPage siteId={siteId} rest={more} />;
      break;
    case 'points':
      screen = <PointsPage siteId={siteId} rest={more} />;
      break;
    case 'diagram':
      screen = <DiagramPage siteId={siteId} />;
      break;
    default:
      screen = null;
  }
  const register = REGISTER_OF_PAGE[page];
  return (
    <>
      <RegistersNav siteId={siteId} current={page} />
      {screen ?? <p className="empty">{t('app.notFound')}</p>}
      {screen && register && <RegisterReviewNotes key={register} siteId={siteId} register={register} />}
    </>
  );
}
