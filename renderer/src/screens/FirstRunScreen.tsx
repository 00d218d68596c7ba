import { useTranslation } from 'react-i18next';
import type { SetupState } from '../../../electron/api/contract';
import { NamesForm } from './NamesForm';
import { useSettings } from '../lib/settings-context';
import '../components/forms.css';

/**
 * Shown instead of every screen until the data folder knows who records
 * changes and what the installation is called: the same in the web host and
 * in Electron, since both render this app. The language can be chosen first.
 */
export function FirstRunScreen({ state, onDone }: { state: SetupState; onDone(): void }) {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  return (
    <section className="first-run card" aria-labelledby="first-run-heading" data-testid="first-run">
      <div className="first-run-top">
        <h1 id="first-run-heading">{t('settings.firstRun.heading')}</h1>
        <fieldset className="radio-group">
          <legend className="visually-hidden">{t('settings.language')}</legend>
          {(['ja', 'en'] as const).map((lng) => (
            <label key={lng} className="inline-check" lang={lng}>
              <input type="radio" name="language" value={lng} checked={settings.language === lng} onChange={() => void update({ language: lng })} />
              {t(`settings.languages.${lng}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="lead">{t('settings.firstRun.intro')}</p>
      <NamesForm state={state} submitLabel={t('settings.firstRun.start')} userNameHint={t('settings.firstRun.userNameHint')} onSaved={onDone} />
    </section>
  );
}
