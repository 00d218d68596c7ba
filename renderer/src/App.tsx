import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './components/ErrorMessage';
import { IntegrityAlert, IntegrityLine, useIntegrityStatus } from './components/IntegrityNotice';
import { LeaveDialog } from './components/LeaveDialog';
import { ScreenBoundary, ScreenLoading } from './components/ScreenLoading';
import { SiteTabs } from './components/SiteTabs';
import { ImportedSiteBanner } from './screens/bundle/ImportedSiteBanner';
import { SITE_SECTIONS } from './screens/site-sections';
import { SitesListScreen } from './screens/SitesListScreen';
import { setupAnswer } from './lib/first-requests';
import { lazyScreen } from './lib/lazy-screen';
import { hrefFor, useRoute, type Route } from './lib/routes';
import { SiteAccessProvider } from './lib/site-access';
import { useLoad } from './lib/use-load';

// The sites list is the first screen and stays in the first chunk; every other screen is fetched when first shown.
const AdvisoriesScreen = lazyScreen(() => import('./screens/advisories/AdvisoriesScreen'), 'AdvisoriesScreen');
const BundlesScreen = lazyScreen(() => import('./screens/bundle/BundlesScreen'), 'BundlesScreen');
const DefinitionsScreen = lazyScreen(() => import('./screens/definitions/DefinitionsScreen'), 'DefinitionsScreen');
const FirstRunScreen = lazyScreen(() => import('./screens/FirstRunScreen'), 'FirstRunScreen');
const SettingsScreen = lazyScreen(() => import('./screens/SettingsScreen'), 'SettingsScreen');
const SiteFormScreen = lazyScreen(() => import('./screens/SiteFormScreen'), 'SiteFormScreen');

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'sites':
      return <SitesListScreen />;
    case 'site-new':
      return <SiteFormScreen />;
    case 'site': {
      const section = SITE_SECTIONS.find((s) => s.key === route.section);
      if (!section) return <NotFound />;
      return (
        <SiteAccessProvider siteId={route.id}>
          <SiteTabs siteId={route.id} current={section.key} />
          <ImportedSiteBanner />
          {section.render(route.id, route.rest ?? [])}
        </SiteAccessProvider>
      );
    }
    case 'settings':
      return <SettingsScreen />;
    case 'definitions':
      return <DefinitionsScreen />;
    case 'bundles':
      return <BundlesScreen page={route.page} />;
    case 'advisories':
      return <AdvisoriesScreen />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <a href={hrefFor({ name: 'sites' })}>{t('app.goHome')}</a>
    </section>
  );
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const [setup, reloadSetup] = useLoad(setupAnswer, []);
  const integrity = useIntegrityStatus();
  const firstRun = setup.state !== 'ready' || !setup.data.complete;
  const inSettings = route.name === 'settings' || route.name === 'definitions';
  const inSites = !inSettings && route.name !== 'bundles' && route.name !== 'advisories';
  useEffect(() => {
    // Tests wait on this attribute instead of sleeping.
    document.getElementById('root')?.setAttribute('data-app-state', 'ready');
  }, []);
  return (
    <>
      {/* Focus only: following "#main" would change the hash route (to a page not found). */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-subtitle">{t('app.subtitle')}</span>
          <IntegrityLine status={integrity} />
        </div>
        {!firstRun && (
          <nav aria-label={t('app.nav.label')}>
            <a href={hrefFor({ name: 'sites' })} aria-current={inSites ? 'page' : undefined}>
              {t('app.nav.sites')}
            </a>
            <a href={hrefFor({ name: 'bundles', page: '' })} aria-current={route.name === 'bundles' ? 'page' : undefined}>
              {t('bundle.nav.top')}
            </a>
            <a href={hrefFor({ name: 'advisories' })} aria-current={route.name === 'advisories' ? 'page' : undefined}>
              {t('advisories.import.nav')}
            </a>
            <a href={hrefFor({ name: 'settings' })} aria-current={inSettings ? 'page' : undefined}>
              {t('app.nav.settings')}
            </a>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <IntegrityAlert status={integrity} />
        {setup.state === 'loading' && <section aria-busy="true" />}
        {setup.state === 'error' && <ErrorMessage error={setup.error} />}
        {setup.state === 'ready' && (
          <ScreenBoundary resetKey={hrefFor(route)}>
            <Suspense fallback={<ScreenLoading />}>
              {setup.data.complete ? <Screen route={route} /> : <FirstRunScreen state={setup.data} onDone={reloadSetup} />}
            </Suspense>
          </ScreenBoundary>
        )}
      </main>
      <LeaveDialog />
    </>
  );
}
