import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage, type Message } from '../../components/ErrorMessage';
import { hrefFor } from '../../lib/routes';
import { useLoad } from '../../lib/use-load';
import { CurrentSetCard } from './CurrentSetCard';
import { DefenderCard } from './DefenderCard';
import './definitions.css';
import { ImportCard } from './ImportCard';
import { RollbackCard } from './RollbackCard';

/** What an import or a rollback did: a headline, and for an import which files it replaced, added, kept and left alone. */
export interface Outcome {
  message: Message;
  details?: Message[];
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-ok" role="status" data-testid="definitions-outcome">
      <p className="definitions-outcome-head">{t(outcome.message.key, outcome.message.params ?? {})}</p>
      {outcome.details && outcome.details.length > 0 && (
        <ul className="definitions-result">
          {outcome.details.map((d) => (
            <li key={d.key}>{t(d.key, d.params ?? {})}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * `#/settings/definitions`: the ClamAV definitions Hoan keeps for this
 * installation (not one site): what is in use, bringing a set in from a
 * medium, and going back one set.
 */
export function DefinitionsScreen() {
  const { t } = useTranslation();
  const [load, reload] = useLoad(() => api.definitions.status({}), []);
  const [notice, setNotice] = useState<Outcome | null>(null);
  const changed = (outcome: Outcome) => {
    setNotice(outcome);
    reload();
  };
  return (
    <section aria-labelledby="definitions-heading" className="definitions" aria-busy={load.state === 'loading'}>
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={hrefFor({ name: 'settings' })}>{t('definitions.screen.back')}</a>
          </p>
          <h1 id="definitions-heading">{t('definitions.screen.heading')}</h1>
        </div>
      </div>
      <p className="muted definitions-intro">{t('definitions.screen.intro')}</p>
      {notice && <OutcomeNotice outcome={notice} />}
      {load.state === 'error' && <ErrorMessage error={load.error} />}
      {load.state === 'ready' && (
        <>
          <CurrentSetCard status={load.data} />
          {load.data.defender && <DefenderCard defender={load.data.defender} />}
          <ImportCard onImported={changed} onStart={() => setNotice(null)} />
          <RollbackCard status={load.data} onRolledBack={changed} onStart={() => setNotice(null)} />
        </>
      )}
    </section>
  );
}
