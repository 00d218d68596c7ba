import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrityStatus } from '../../../electron/api/contract';
import { api } from '../api/client';
import { formatDateTime } from '../lib/format';
import { useSettings } from '../lib/settings-context';

/** How often the state is asked while the check has not ended (it reads the whole file: seconds to minutes). */
const POLL_MS = 2000;

/**
 * The database's background quick_check (core/db/integrity-check.ts), asked
 * until it has ended. null until the first answer, and while the host
 * cannot be reached (asked again).
 */
export function useIntegrityStatus(): IntegrityStatus | null {
  const [status, setStatus] = useState<IntegrityStatus | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      let next: IntegrityStatus | null = null;
      try {
        next = await api.db.integrity({});
      } catch {
        // Asked again below.
      }
      if (stopped) return;
      if (next) setStatus(next);
      if (!next || next.state === 'not_started' || next.state === 'running') timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return status;
}

/** In the header, small: checking, checked, or could not check. Nothing before the check starts. */
export function IntegrityLine({ status }: { status: IntegrityStatus | null }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  if (!status) return null;
  switch (status.state) {
    case 'running':
      return (
        <span className="integrity-line" title={t('app.integrity.runningTitle')} data-testid="integrity-line">
          {t('app.integrity.running')}
        </span>
      );
    case 'ok':
      return (
        <span className="integrity-line" title={t('app.integrity.okTitle', { time: formatDateTime(status.finishedAt ?? '', settings) })} data-testid="integrity-line">
          {t('app.integrity.ok')}
        </span>
      );
    case 'failed':
      return (
        <span className="integrity-line integrity-failed" data-testid="integrity-line">
          {t('app.integrity.failed', { reason: status.reason })}
        </span>
      );
    default:
      return null;
  }
}

/** Above every screen, when the check found damage: what was found, that nothing was changed, and what to do. */
export function IntegrityAlert({ status }: { status: IntegrityStatus | null }) {
  const { t } = useTranslation();
  if (status?.state !== 'problems') return null;
  return (
    <div className="alert alert-error integrity-alert" role="alert" data-testid="integrity-alert">
      <h2>{t('app.integrity.problemsTitle')}</h2>
      <p>{t('app.integrity.problemsBody')}</p>
      <details>
        <summary>{t('app.integrity.problemsDetails')}</summary>
        <pre className="mono">{status.details.join('\n')}</pre>
      </details>
    </div>
  );
}
