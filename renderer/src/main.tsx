import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS_FALLBACK } from './lib/defaults';
import { api } from './api/client';
import { App } from './App';
import { askSetupEarly } from './lib/first-requests';
import { initI18n, loadCatalogues } from './lib/i18n';
import { SettingsProvider } from './lib/settings-context';
import './styles.css';

async function boot() {
  const root = document.getElementById('root')!;
  // Settings decide the language before the first paint; if the backend is
  // unreachable the app still starts in Japanese and shows the error. The
  // default language's catalogues and the first screen's setup state are
  // fetched meanwhile, not after.
  loadCatalogues(DEFAULT_SETTINGS_FALLBACK.language).catch(() => {});
  askSetupEarly();
  const settings = await api.settings.get({}).catch(() => DEFAULT_SETTINGS_FALLBACK);
  await initI18n(settings.language);
  createRoot(root).render(
    <StrictMode>
      <SettingsProvider initial={settings}>
        <App />
      </SettingsProvider>
    </StrictMode>,
  );
}

void boot();
