import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdvisoryImportReport } from '../../../../electron/api/contract';
import './advisories.css';
import { AdvisoryImportCard } from './AdvisoryImportCard';
import { AdvisoryList } from './AdvisoryList';
import { ImportOutcomeTable } from './ImportOutcomeTable';

/**
 * `#/advisories`: the CSAF advisories this installation holds (8-4-1), the
 * same at head office and at a site: bringing them in from a medium (each
 * file's outcome), and the list of current revisions.
 */
export function AdvisoriesScreen() {
  const { t } = useTranslation();
  const [report, setReport] = useState<AdvisoryImportReport | null>(null);
  const [listVersion, setListVersion] = useState(0);
  return (
    <section aria-labelledby="advisories-heading" className="advisories">
      <div className="page-header">
        <h1 id="advisories-heading">{t('advisories.import.screen.heading')}</h1>
      </div>
      <p className="muted advisories-intro">{t('advisories.import.screen.intro')}</p>
      <AdvisoryImportCard
        onStart={() => setReport(null)}
        onImported={(done) => {
          setReport(done);
          setListVersion((v) => v + 1);
        }}
      />
      {report && <ImportOutcomeTable report={report} />}
      <AdvisoryList version={listVersion} />
    </section>
  );
}
