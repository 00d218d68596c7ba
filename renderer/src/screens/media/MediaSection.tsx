import { useTranslation } from 'react-i18next';
import './media.css';
import { CheckInScreen } from './CheckInScreen';
import { CheckOutScreen } from './CheckOutScreen';
import { CorrectionScreen } from './CorrectionScreen';
import { ExceptionsScreen } from './ExceptionsScreen';
import { MediumScreen } from './MediumScreen';
import { mediaHref } from './media-paths';
import { MediaLogScreen } from './MediaLogScreen';
import { RegistryScreen } from './RegistryScreen';
import { ScannerSettingsScreen } from './ScannerSettingsScreen';

const NAV = [
  { page: '', labelKey: 'media.nav.log' },
  { page: 'check-in', labelKey: 'media.nav.checkIn' },
  { page: 'registry', labelKey: 'media.nav.registry' },
  { page: 'exceptions', labelKey: 'media.nav.exceptions' },
  { page: 'scanner', labelKey: 'media.nav.scanner' },
] as const;

function MediaNav({ siteId, current }: { siteId: string; current: string }) {
  const { t } = useTranslation();
  return (
    <nav className="pill-nav" aria-label={t('media.nav.label')}>
      {NAV.map((n) => (
        <a key={n.page} href={n.page ? mediaHref(siteId, n.page) : mediaHref(siteId)} aria-current={current === n.page ? 'page' : undefined}>
          {t(n.labelKey)}
        </a>
      ))}
    </nav>
  );
}

/** The site's media tab: `#/sites/<id>/media/<page>/<id?>`, so the tab stays current on every page. */
export function MediaSection({ siteId, rest }: { siteId: string; rest: string[] }) {
  const [page = '', arg] = rest;
  let screen;
  switch (page) {
    case '':
      screen = <MediaLogScreen siteId={siteId} />;
      break;
    case 'check-in':
      screen = <CheckInScreen siteId={siteId} />;
      break;
    case 'registry':
      screen = <RegistryScreen siteId={siteId} />;
      break;
    case 'exceptions':
      screen = <ExceptionsScreen siteId={siteId} />;
      break;
    case 'scanner':
      screen = <ScannerSettingsScreen siteId={siteId} />;
      break;
    case 'medium':
      screen = arg ? <MediumScreen key={arg} siteId={siteId} mediumId={arg} /> : null;
      break;
    case 'check-out':
      screen = arg ? <CheckOutScreen key={arg} siteId={siteId} entryId={arg} /> : null;
      break;
    case 'correct':
      screen = arg ? <CorrectionScreen key={arg} siteId={siteId} entryId={arg} /> : null;
      break;
    default:
      screen = null;
  }
  return (
    <>
      <MediaNav siteId={siteId} current={page === 'medium' ? 'registry' : ['check-out', 'correct'].includes(page) ? '' : page} />
      {screen ?? <NotFound />}
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="empty">{t('app.notFound')}</p>;
}
