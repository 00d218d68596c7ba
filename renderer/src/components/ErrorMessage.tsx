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

/**
 * A message kept in state as its key and values, never as text: translated
 * when shown, so switching the language leaves nothing in the old one.
 */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/** A confirmation: `message` (kept in state), or text rendered in this very render. */
export function Notice({ children, message }: { children?: string; message?: Message }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-ok" role="status">
      {message ? t(message.key, message.params ?? {}) : children}
    </div>
  );
}
