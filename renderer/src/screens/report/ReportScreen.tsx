import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../electron/api/contract';
import '../../../../resources/report/report.css';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, indexFieldErrors } from '../../components/fields';
import { saveDownload } from '../../lib/download';
import { today } from '../../lib/format';
import { useSettings } from '../../lib/settings-context';
import { toErrorShape } from '../../lib/use-load';

/** The Japanese fiscal year starts on 1 April. */
function fiscalYearStart(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return `${m >= 4 ? y : y - 1}-04-01`;
}

/** `#/sites/<id>/report`: the inspector's report for a period, on screen, printed, or as Excel. */
export function ReportScreen({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const [from, setFrom] = useState(() => fiscalYearStart(today(settings)));
  const [to, setTo] = useState(() => today(settings));
  const [html, setHtml] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = indexFieldErrors(failure?.fields);
  const input = () => ({ siteId, from, to, language: settings.language });

  async function show(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    try {
      // The fragment is built by the backend with every value escaped, and the CSP forbids scripts.
      setHtml((await api.report.html(input())).html);
      setFailure(null);
    } catch (err) {
      setFailure(toErrorShape(err));
    } finally {
      setBusy(false);
    }
  }

  async function xlsx() {
    try {
      saveDownload(await api.report.xlsx(input()));
    } catch (err) {
      setFailure(toErrorShape(err));
    }
  }

  return (
    <section aria-labelledby="report-heading" aria-busy={busy}>
      <div className="report-controls">
        <div className="page-header">
          <h1 id="report-heading">{t('report.heading')}</h1>
        </div>
        <p className="muted">{t('report.intro')}</p>
        {failure && <ErrorMessage error={failure} />}
        <form className="card form inline-form" onSubmit={show}>
          <Field label={t('report.from')} error={errors.from}>
            {(props) => <input {...props} type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label={t('report.to')} error={errors.to}>
            {(props) => <input {...props} type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('report.show')}
          </button>
          <button type="button" className="button" onClick={xlsx}>
            {t('report.xlsx')}
          </button>
          <button type="button" className="button" onClick={() => window.print()} disabled={html === null}>
            {t('report.print')}
          </button>
        </form>
      </div>
      {html !== null && <div className="report-view card" data-testid="report-view" dangerouslySetInnerHTML={{ __html: html }} />}
    </section>
  );
}
