import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../electron/api/contract';

/** A refusal from the API in the user's language. */
export function ErrorMessage({ error }: { error: ErrorShape }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      {t(error.messageKey, error.params ?? {})}
    </div>
  );
}

export function Notice({ children }: { children: string }) {
  return (
    <div className="alert alert-ok" role="status">
      {children}
    </div>
  );
}
