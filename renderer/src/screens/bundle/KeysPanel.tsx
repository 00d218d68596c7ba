import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, KeyInfo } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { saveDownload } from '../../lib/download';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { toErrorShape, useLoad } from '../../lib/use-load';

/** This installation's identity: its name, its key's fingerprint, and the allowed_signers line others trust. */
export function KeysPanel() {
  const { t } = useTranslation();
  const [info, reload] = useLoad(() => api.keys.show({}), []);
  const [name, setName] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  async function rename(current: KeyInfo): Promise<boolean> {
    try {
      await api.keys.rename({ name: name ?? current.name });
      setName(null);
      setFailure(null);
      setNotice({ key: 'bundle.keys.renamed' });
      reload();
      return true;
    } catch (err) {
      setFailure(toErrorShape(err));
      return false;
    }
  }

  const current = info.state === 'ready' ? info.data : null;
  useUnsavedChanges(current !== null && name !== null && name !== current.name, async () => current !== null && (await rename(current)));

  function download(current: KeyInfo) {
    saveDownload({ fileName: 'allowed_signers', base64: btoa(String.fromCharCode(...new TextEncoder().encode(`${current.allowedSigners}\n`))) });
  }

  if (info.state === 'error') return <ErrorMessage error={info.error} />;
  if (info.state !== 'ready') return null;
  const k = info.data;
  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('bundle.keys.heading')}</h2>
      <p className="muted">{t('bundle.keys.intro')}</p>
      {failure && <ErrorMessage error={failure} />}
      {notice && <Notice message={notice} />}
      <form
        className="bundle-row"
        onSubmit={(e) => {
          e.preventDefault();
          void rename(k);
        }}
      >
        <div className="field">
          <label htmlFor="installation-name">{t('bundle.keys.name')}</label>
          <input id="installation-name" name="name" value={name ?? k.name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={name === null || name.trim() === ''}>
          {t('bundle.keys.rename')}
        </button>
      </form>
      <dl className="facts">
        <div>
          <dt>{t('bundle.keys.fingerprint')}</dt>
          <dd className="fingerprint" data-testid="own-fingerprint">
            {k.fingerprint}
          </dd>
        </div>
        <div>
          <dt>{t('bundle.keys.principal')}</dt>
          <dd className="mono">{k.principal}</dd>
        </div>
        <div>
          <dt>{t('bundle.keys.protection')}</dt>
          <dd>{t(`bundle.keys.protections.${k.protection}`)}</dd>
        </div>
        {k.protection !== 'missing' && (
          <div>
            <dt>{t('bundle.keys.access')}</dt>
            <dd data-testid="key-access" {...(k.access === 'exposed' ? { className: 'alert alert-error', role: 'alert' } : {})}>
              {t(`bundle.keys.accesses.${k.access}`, { mode: k.mode ?? '', path: k.keyFile })}
            </dd>
          </div>
        )}
      </dl>
      <div className="field">
        <label htmlFor="allowed-signers-line">{t('bundle.keys.allowedSigners')}</label>
        <textarea id="allowed-signers-line" className="signers-line" readOnly rows={3} value={k.allowedSigners} aria-describedby="allowed-signers-hint" />
        <p className="field-hint" id="allowed-signers-hint">
          {t('bundle.keys.allowedSignersHint')}
        </p>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(k.allowedSigners).then(() => setNotice({ key: 'bundle.keys.copied' }))}>
          {t('bundle.keys.copy')}
        </button>
        <button type="button" className="button" onClick={() => download(k)}>
          {t('bundle.keys.download')}
        </button>
      </div>
    </section>
  );
}
