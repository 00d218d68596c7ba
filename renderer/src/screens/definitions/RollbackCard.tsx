import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionsStatus, ErrorShape } from '../../../../electron/api/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';
import type { Outcome } from './DefinitionsScreen';

/** Back to the set before the last import, after a confirmation that names both sets. */
export function RollbackCard({ status, onRolledBack, onStart }: { status: DefinitionsStatus; onRolledBack(outcome: Outcome): void; onStart(): void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const none = t('definitions.screen.current.noValue');
  const previous = status.previous;
  const current = status.current;

  async function rollback() {
    setBusy(true);
    onStart();
    try {
      const set = await api.definitions.rollback({});
      setFailure(null);
      setAsking(false);
      onRolledBack({ message: { key: 'definitions.screen.rollback.done', params: { version: set.version ?? none } } });
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="definitions-rollback" data-testid="definitions-rollback">
      <h2 id="definitions-rollback">{t('definitions.screen.rollback.heading')}</h2>
      {failure && <ErrorMessage error={failure} />}
      {!previous || !current ? (
        <p className="muted">{t('definitions.screen.rollback.none')}</p>
      ) : (
        <>
          <p>
            {t('definitions.screen.rollback.previous', {
              version: previous.version ?? none,
              builtAt: previous.builtAt ? formatDateTime(previous.builtAt, settings) : none,
              at: formatDateTime(previous.importedAt, settings),
              by: previous.importedBy,
            })}
          </p>
          {!asking ? (
            <button type="button" className="button" onClick={() => setAsking(true)}>
              {t('definitions.screen.rollback.button')}
            </button>
          ) : (
            <div className="alert alert-warn" role="alertdialog" aria-labelledby="rollback-question" data-testid="rollback-confirm">
              <p id="rollback-question">{t('definitions.screen.rollback.question', { current: current.version ?? none, previous: previous.version ?? none })}</p>
              <p className="muted">{t('definitions.screen.rollback.effect')}</p>
              <div className="actions">
                <button type="button" className="button button-primary" onClick={rollback} disabled={busy} autoFocus>
                  {t('definitions.screen.rollback.confirm')}
                </button>
                <button type="button" className="button" onClick={() => setAsking(false)} disabled={busy}>
                  {t('app.actions.cancel')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
