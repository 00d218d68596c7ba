import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, ScannerSettings } from '../../../../electron/api/contract';
import type { ScannerConfig } from '../../../../electron/core/media/media-schema';
import { api } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Field, indexFieldErrors } from '../../components/fields';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { ScannerStatusPanel } from './ScannerStatusPanel';

/** The site's scanner: a profile (ClamAV, Defender), where it and its signatures are, and the file-list limits. */
export function ScannerSettingsScreen({ siteId }: { siteId: string }) {
  const [load] = useLoad(() => api.media.scannerGet({ siteId }), [siteId]);
  if (load.state === 'loading') return <section aria-busy="true" />;
  if (load.state === 'error') return <ErrorMessage error={load.error} />;
  return <ScannerForm siteId={siteId} initial={load.data} />;
}

type Numbers = Record<'timeoutMinutes' | 'maxDefinitionsAgeDays' | 'maxFiles' | 'maxFileMb' | 'maxTotalMb', string>;

function ScannerForm({ siteId, initial }: { siteId: string; initial: ScannerSettings }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initial);
  const [config, setConfig] = useState<ScannerConfig>(initial.config);
  const [numbers, setNumbers] = useState<Numbers>({
    timeoutMinutes: String(initial.config.timeoutMinutes),
    maxDefinitionsAgeDays: String(initial.config.maxDefinitionsAgeDays),
    maxFiles: String(initial.config.manifest.maxFiles),
    maxFileMb: String(initial.config.manifest.maxFileMb),
    maxTotalMb: String(initial.config.manifest.maxTotalMb),
  });
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const [checks, setChecks] = useState(0);
  const errors = indexFieldErrors(failure?.fields, 'config.');
  const profile = settings.profiles.find((p) => p.id === config.profile);
  const num = (s: string) => Number(s.normalize('NFKC').replace(/,/g, ''));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      const next = await api.media.scannerSet({
        siteId,
        config: {
          ...config,
          timeoutMinutes: num(numbers.timeoutMinutes),
          maxDefinitionsAgeDays: num(numbers.maxDefinitionsAgeDays),
          manifest: { maxFiles: num(numbers.maxFiles), maxFileMb: num(numbers.maxFileMb), maxTotalMb: num(numbers.maxTotalMb) },
        },
      });
      setSettings(next);
      setConfig(next.config);
      setFailure(null);
      setSaved(true);
      setChecks((n) => n + 1);
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  const numberField = (key: keyof Numbers, labelKey: string, errorPath: string, hintKey?: string) => (
    <Field label={t(labelKey)} error={errors[errorPath]} {...(hintKey ? { hint: t(hintKey) } : {})}>
      {(p) => <input {...p} name={key} inputMode="numeric" value={numbers[key]} onChange={(e) => setNumbers({ ...numbers, [key]: e.target.value })} />}
    </Field>
  );

  return (
    <section aria-labelledby="scanner-heading">
      <div className="page-header">
        <h1 id="scanner-heading">{t('media.scanner.heading')}</h1>
      </div>
      <p className="media-intro">{t('media.scanner.intro')}</p>
      {settings.isDefault && <p className="alert alert-info">{t('media.scanner.defaultNotice')}</p>}
      {saved && <Notice>{t('media.scanner.saved')}</Notice>}
      <ScannerStatusPanel siteId={siteId} reloadKey={checks} />
      <form className="form card" onSubmit={submit} noValidate data-testid="scanner-form">
        <Field label={t('media.scanner.profile')} error={errors.profile}>
          {(p) => (
            <select {...p} name="profile" value={config.profile} onChange={(e) => {
                const id = e.target.value as ScannerConfig['profile'];
                const usesDb = settings.profiles.find((pr) => pr.id === id)?.usesDatabasePath;
                setConfig({ ...config, profile: id, databasePath: usesDb ? config.databasePath : '' });
              }}>
              {settings.profiles.map((pr) => (
                <option key={pr.id} value={pr.id}>
                  {pr.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('media.scanner.executablePath')} hint={t('media.scanner.executableHint', { path: profile?.defaultExecutable ?? '' })} error={errors.executablePath}>
          {(p) => <input {...p} name="executablePath" value={config.executablePath} onChange={(e) => setConfig({ ...config, executablePath: e.target.value })} />}
        </Field>
        {profile?.usesDatabasePath && (
          <Field label={t('media.scanner.databasePath')} hint={t('media.scanner.databaseHint')} error={errors.databasePath}>
            {(p) => <input {...p} name="databasePath" value={config.databasePath} onChange={(e) => setConfig({ ...config, databasePath: e.target.value })} />}
          </Field>
        )}
        {numberField('timeoutMinutes', 'media.scanner.timeoutMinutes', 'timeoutMinutes')}
        {numberField('maxDefinitionsAgeDays', 'media.scanner.maxDefinitionsAgeDays', 'maxDefinitionsAgeDays', 'media.scanner.maxDefinitionsAgeHint')}
        <fieldset>
          <legend>{t('media.scanner.manifestLegend')}</legend>
          {numberField('maxFiles', 'media.scanner.maxFiles', 'manifest.maxFiles')}
          {numberField('maxFileMb', 'media.scanner.maxFileMb', 'manifest.maxFileMb')}
          {numberField('maxTotalMb', 'media.scanner.maxTotalMb', 'manifest.maxTotalMb')}
        </fieldset>
        {failure && <ErrorMessage error={failure} />}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('media.actions.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
