import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { Field, indexFieldErrors } from '../../components/fields';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';
import { useSiteAccess } from '../../lib/site-access';

/** `#/sites/<id>/regulation`: the 保安規程's cybersecurity article, drafted from the site's data, and its adoption record. */
export function RegulationScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [versions, reload] = useLoad(() => api.regulation.list({ siteId }), [siteId]);
  const latest = versions.state === 'ready' ? versions.data[0] : undefined;
  const [text, setText] = useState<string | null>(null);
  const [responsible, setResponsible] = useState('');
  const [adoptedOn, setAdoptedOn] = useState('');
  /** What the two small fields held at the last save: they stay filled in after it. */
  const [savedWith, setSavedWith] = useState({ responsible: '', adoptedOn: '' });
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const current = text ?? latest?.text ?? '';
  const errors = indexFieldErrors(failure?.fields);
  const { readOnly } = useSiteAccess();

  async function draft() {
    try {
      const d = await api.regulation.draft({ siteId, responsible });
      setText(d.text);
      setFailure(null);
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  async function saveProvision(): Promise<boolean> {
    try {
      await api.regulation.save({ siteId, text: current, responsible: responsible || latest?.responsible || '', adoptedOn: adoptedOn || null });
      setFailure(null);
      setText(null);
      setSavedWith({ responsible, adoptedOn });
      setNotice({ key: 'regulation.saved' });
      reload();
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    await saveProvision();
  }

  const edited = (text !== null && text !== (latest?.text ?? '')) || responsible !== savedWith.responsible || adoptedOn !== savedWith.adoptedOn;
  useUnsavedChanges(!readOnly && edited, saveProvision);

  return (
    <section aria-labelledby="regulation-heading" aria-busy={versions.state === 'loading'}>
      <div className="page-header">
        <h1 id="regulation-heading">{t('regulation.heading')}</h1>
      </div>
      <p className="muted">{t('regulation.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      {!readOnly && (
      <form className="card form" onSubmit={save} data-testid="provision-form">
        <div className="field-row">
          <Field label={t('regulation.responsible')} hint={t('regulation.responsibleHint')} error={errors.responsible}>
            {(props) => <input {...props} name="responsible" value={responsible} onChange={(e) => setResponsible(e.target.value)} />}
          </Field>
          <div className="field align-end">
            <button type="button" className="button" onClick={draft}>
              {t('regulation.draft')}
            </button>
          </div>
        </div>
        <Field label={t('regulation.text')} error={errors.text}>
          {(props) => <textarea {...props} name="text" rows={14} className="provision-text" value={current} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field label={t('regulation.adoptedOn')} hint={t('regulation.adoptedOnHint')} error={errors.adoptedOn}>
          {(props) => <input {...props} type="date" name="adoptedOn" value={adoptedOn} onChange={(e) => setAdoptedOn(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={current.trim() === ''}>
          {t('regulation.save')}
        </button>
      </form>
      )}
      {versions.state === 'ready' && versions.data.length > 0 && (
        <div className="card">
          <h2>{t('regulation.history')}</h2>
          <table className="table" data-testid="provision-history">
            <thead>
              <tr>
                <th scope="col">{t('regulation.columns.savedAt')}</th>
                <th scope="col">{t('regulation.columns.adoptedOn')}</th>
                <th scope="col">{t('regulation.columns.responsible')}</th>
                <th scope="col">{t('regulation.columns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.id}>
                  <td>{formatDateTime(v.savedAt, settings)}</td>
                  <td>{v.adoptedOn ? formatDate(v.adoptedOn, settings) : t('regulation.notAdopted')}</td>
                  <td>{v.responsible}</td>
                  <td>{v.savedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
