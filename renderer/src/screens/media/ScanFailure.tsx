import { useTranslation } from 'react-i18next';
import type { ScanErrorReason } from '../../../../electron/api/contract';

/** Why a scan proved nothing, in the user's language, then the scanner's own words as they were printed. */
export function ScanFailure({ scan }: { scan: { errorReason?: ScanErrorReason; errorText: string } }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="alert alert-error" data-testid="scan-error">
        {t(`media.scanErrors.${scan.errorReason ?? 'unknown'}`)}
      </p>
      {scan.errorText && (
        <p className="scanner-said">
          <span className="muted">{`${t('media.checkIn.scannerOutput')}: `}</span>
          <span className="mono">{scan.errorText}</span>
        </p>
      )}
    </>
  );
}
