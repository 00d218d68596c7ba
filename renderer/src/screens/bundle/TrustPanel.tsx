import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape, TrustPreview } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage, Notice, type Message } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape, useLoad } from '../../lib/use-load';

type Role = 'site' | 'head_office';

/**
 * The signers this installation accepts. Lines are pasted or read from an
 * allowed_signers file, shown with their fingerprints to read out over the
 * phone, and only then trusted.
 */
export function TrustPanel() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [list, reload] = useLoad(() => api.trust.list({}), []);
  const [text, setText] = useState('');
  const [role, setRole] = useState<Role>('site');
  const [preview, setPreview] = useState<TrustPreview | null>(null);
  // Set by the user once the fingerprints were read out with the sender; cleared whenever the lines change.
  const [compared, setCompared] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  async function act(fn: () => Promise<void>) {
    try {
      await fn();
      setFailure(null);
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  const check = () => act(async () => setPreview(await api.trust.preview({ text })));
  const add = () =>
    act(async () => {
      const added = await api.trust.add({ text, role });
      setNotice({ key: 'bundle.trust.added', params: { count: added.length } });
      setText('');
      setPreview(null);
      setCompared(false);
      reload();
    });

  return (
    <>
      <section className="card" aria-labelledby="trust-add-heading">
        <h2 id="trust-add-heading">{t('bundle.trust.addHeading')}</h2>
        <p className="muted">{t('bundle.trust.intro')}</p>
        <div className="field">
          <label htmlFor="trust-lines">{t('bundle.trust.lines')}</label>
          <textarea
            id="trust-lines"
            name="lines"
            className="signers-line"
            rows={4}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
              setCompared(false);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="trust-file">{t('bundle.trust.file')}</label>
          <input
            id="trust-file"
            type="file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then((content) => {
                setText(content);
                setPreview(null);
                setCompared(false);
              });
            }}
          />
        </div>
        <fieldset>
          <legend>{t('bundle.trust.role')}</legend>
          <div className="radio-group">
            {(['site', 'head_office'] as const).map((r) => (
              <label key={r} className="inline-check">
                <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />
                {t(`bundle.trust.roles.${r}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {failure && <ErrorMessage error={failure} />}
        {notice && <Notice message={notice} />}
        {preview && (
          <div data-testid="trust-preview">
            <p>{t('bundle.trust.compare')}</p>
            <ul className="preview-signers">
              {preview.signers.map((s) => (
                <li key={s.fingerprint}>
                  <strong>{s.name}</strong> <span className="muted">{s.principal}</span>
                  <div className="fingerprint">{s.fingerprint}</div>
                  {s.alreadyTrusted && <span className="tag">{t('bundle.trust.alreadyTrusted')}</span>}
                  {s.isSelf && <span className="tag">{t('bundle.trust.isSelf')}</span>}
                </li>
              ))}
            </ul>
            {preview.errors.map((e) => (
              <p key={e.line} className="bad-text">
                {t(`bundle.signerProblems.${e.problem}`, { line: e.line })}
              </p>
            ))}
            {preview.signers.length > 0 && preview.errors.length === 0 && (
              <label className="inline-check trust-compared">
                <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} />
                {t('bundle.trust.confirmCompared')}
              </label>
            )}
          </div>
        )}
        <div className="actions">
          <button type="button" className="button" disabled={text.trim() === ''} onClick={() => void check()}>
            {t('bundle.trust.check')}
          </button>
          <button type="button" className="button button-primary" disabled={!preview || preview.signers.length === 0 || preview.errors.length > 0 || !compared} onClick={() => void add()}>
            {t('bundle.trust.add')}
          </button>
        </div>
      </section>
      <section className="card" aria-labelledby="trust-list-heading">
        <h2 id="trust-list-heading">{t('bundle.trust.listHeading')}</h2>
        {list.state === 'error' && <ErrorMessage error={list.error} />}
        {list.state === 'ready' && list.data.length === 0 && <p className="empty">{t('bundle.trust.empty')}</p>}
        {list.state === 'ready' && list.data.length > 0 && (
          <table className="table" data-testid="trusted-signers">
            <thead>
              <tr>
                <th scope="col">{t('bundle.trust.columns.name')}</th>
                <th scope="col">{t('bundle.trust.columns.fingerprint')}</th>
                <th scope="col">{t('bundle.trust.columns.role')}</th>
                <th scope="col">{t('bundle.trust.columns.addedAt')}</th>
                <th scope="col">{t('bundle.trust.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.fingerprint} className={s.revokedAt ? 'row-archived' : undefined}>
                  <td>{s.name}</td>
                  <td className="mono">{s.fingerprint}</td>
                  <td>{t(`bundle.trust.roles.${s.role}`)}</td>
                  <td>{formatDateTime(s.addedAt, settings)}</td>
                  <td>
                    {s.revokedAt ? (
                      t('bundle.trust.revokedAt', { date: formatDateTime(s.revokedAt, settings) })
                    ) : (
                      <button type="button" className="link-button" onClick={() => void act(async () => (await api.trust.revoke({ fingerprint: s.fingerprint }), reload()))}>
                        {t('bundle.trust.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
