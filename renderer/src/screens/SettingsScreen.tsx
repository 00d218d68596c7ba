import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ErrorShape, Settings } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ErrorMessage, Notice, type Message } from '../components/ErrorMessage';
import { Field } from '../components/fields';
import { CatalogueSection } from './checklist/CatalogueSection';
import { NamesSection } from './NamesForm';
import { TimeZoneField } from './TimeZoneField';
import { hrefFor } from '../lib/routes';
import { useSettings } from '../lib/settings-context';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { toErrorShape } from '../lib/use-load';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [maxMb, setMaxMb] = useState(String(settings.evidenceMaxMb));
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  useEffect(() => {
    api.app.info({}).then(setInfo, (err: unknown) => setFailure(toErrorShape(err)));
  }, []);

  async function save(patch: Partial<Settings>): Promise<boolean> {
    try {
      await update(patch);
      setFailure(null);
      setNotice({ key: 'app.saved' });
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }

  const saveMaxMb = () => save({ evidenceMaxMb: Number(maxMb.normalize('NFKC')) });
  useUnsavedChanges(maxMb !== String(settings.evidenceMaxMb), saveMaxMb);

  async function backup() {
    try {
      const result = await api.db.backup({});
      setNotice({ key: 'settings.backupDone', params: { path: result.path } });
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="settings-heading">
      <div className="page-header">
        <h1 id="settings-heading">{t('settings.heading')}</h1>
      </div>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      <div className="card form">
        <fieldset>
          <legend>{t('settings.language')}</legend>
          <div className="radio-group">
            {(['ja', 'en'] as const).map((lng) => (
              <label key={lng} className="inline-check" lang={lng}>
                <input type="radio" name="language" value={lng} checked={settings.language === lng} onChange={() => save({ language: lng })} />
                {t(`settings.languages.${lng}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('settings.calendar')}</legend>
          <div className="radio-group">
            {(['gregorian', 'japanese'] as const).map((cal) => (
              <label key={cal} className="inline-check">
                <input type="radio" name="calendar" value={cal} checked={settings.calendar === cal} onChange={() => save({ calendar: cal })} />
                {t(`settings.calendars.${cal}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TimeZoneField current={settings.timeZone} error={failure?.fields?.find((f) => f.path === 'timeZone')} onSave={(timeZone) => save({ timeZone })} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveMaxMb();
          }}
        >
          <Field label={t('settings.evidenceMaxMb')} hint={t('settings.evidenceMaxMbHint')} error={failure?.fields?.find((f) => f.path === 'evidenceMaxMb')}>
            {(props) => <input {...props} name="evidenceMaxMb" inputMode="numeric" value={maxMb} onChange={(e) => setMaxMb(e.target.value)} />}
          </Field>
          <button type="submit" className="button">
            {t('app.actions.save')}
          </button>
        </form>
      </div>
      <NamesSection onSaved={() => setNotice({ key: 'app.saved' })} />
      <CatalogueSection />
      <section className="card" aria-labelledby="settings-definitions" data-testid="settings-definitions">
        <h2 id="settings-definitions">{t('definitions.screen.settingsCard.heading')}</h2>
        <p className="muted">{t('definitions.screen.settingsCard.text')}</p>
        <a className="button" href={hrefFor({ name: 'definitions' })}>
          {t('definitions.screen.settingsCard.open')}
        </a>
      </section>
      <div className="card">
        <h2>{t('settings.data')}</h2>
        {info && (
          <dl className="facts">
            <div>
              <dt>{t('settings.dataDir')}</dt>
              <dd className="mono">{info.dataDir}</dd>
            </div>
            <div>
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
            </div>
          </dl>
        )}
        <button type="button" className="button" onClick={backup}>
          {t('settings.backup')}
        </button>
      </div>
    </section>
  );
}
