import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueDiff, ErrorShape, UploadResult } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { uploadFile } from '../../api/upload';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { formatDate } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';

/** The catalogues in force with where their items come from, and updating one from a file brought on removable media: diff first, then apply. */
export function CatalogueSection() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const lang = settings.language;
  const [catalogues, reload] = useLoad(() => api.catalogue.list({}), []);
  const [pending, setPending] = useState<{ file: UploadResult; diff: CatalogueDiff } | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  async function choose(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    setNotice(null);
    setPending(null);
    try {
      const stored = await uploadFile('evidence', file);
      setPending({ file: stored, diff: await api.catalogue.previewImport({ sha256: stored.sha256, name: stored.name }) });
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  async function apply() {
    if (!pending) return;
    try {
      const diff = await api.catalogue.applyImport({ sha256: pending.file.sha256, name: pending.file.name });
      setPending(null);
      setNotice({ key: 'checklist.catalogue.applied', params: { version: diff.to.version } });
      reload();
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <div className="card" data-testid="catalogue-section">
      <h2>{t('checklist.catalogue.heading')}</h2>
      {catalogues.state === 'ready' && (
        <ul>
          {catalogues.data.map((c) => (
            <li key={c.framework} data-testid="catalogue-entry">
              {t('checklist.catalogue.entry', { name: c.name[lang], version: c.version, date: formatDate(c.importedAt, settings) })}
              {c.provenance?.basis === 'summary' && <span className="tag">{t('checklist.catalogue.summaryBadge')}</span>}
              <p className="muted">
                {c.provenance ? c.provenance.note[lang] : t('checklist.catalogue.sourceNote', { note: c.sourceNote })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <>
          <ErrorMessage error={failure} />
          {failure.fields && (
            <ul className="field-error">
              {failure.fields.map((f) => (
                <li key={f.path}>{t('checklist.catalogue.errorAt', { path: f.path, message: t(f.messageKey, f.params ?? {}) })}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {notice && <Notice message={notice} />}
      <label className="button">
        {t('checklist.catalogue.import')}
        <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {pending && (
        <div className="diff" data-testid="catalogue-diff">
          <h3>{t('checklist.catalogue.previewHeading', { from: pending.diff.from.version, to: pending.diff.to.version })}</h3>
          {(['added', 'changed', 'removed'] as const).map((kind) => (
            <div key={kind}>
              <h4>{t(`checklist.catalogue.${kind}`, { count: pending.diff[kind].length })}</h4>
              <ul>
                {pending.diff[kind].map((entry) => (
                  <li key={entry.id}>
                    {t('checklist.catalogue.diffEntry', { id: entry.id, title: entry.title[lang] })}
                    {'fields' in entry && <span className="muted"> {t('checklist.catalogue.fieldsChanged', { fields: entry.fields.join(', ') })}</span>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <button type="button" className="button button-primary" onClick={apply}>
            {t('checklist.catalogue.apply')}
          </button>
        </div>
      )}
    </div>
  );
}
