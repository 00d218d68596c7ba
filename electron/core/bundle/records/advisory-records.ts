import { recordArrivals, refuseArrivals } from '../advisory-arrivals';
import { ADVISORIES_RECORD, advisoriesSchema, checkCarriedAdvisories, collectAdvisories, type CarriedAdvisories } from '../bundle-advisories';
import { vouchesForDefinitions } from '../definitions-install';
import { defineDomain } from './record-domain';

/**
 * Head office's CSAF advisories for a site (bundle-advisories.ts has the
 * format). Applied before the trust list, so the signer's role is the one it
 * had before this bundle: only a key trusted as head office may hand a site
 * advisories; any other's are recorded refused.
 */
export const advisoryRecords = defineDomain<CarriedAdvisories>({
  file: ADVISORIES_RECORD,
  kinds: ['review'],
  schema: advisoriesSchema,
  collect: ({ db, advisoryIds }) => collectAdvisories(db, advisoryIds ?? []),
  check: (data, _siteId, file) => checkCarriedAdvisories(data, file),
  apply: ({ db, siteId, bundleId, signer, now }, data) => {
    const n = recordArrivals(db, bundleId, siteId, data, now);
    if (!vouchesForDefinitions(db, signer.fingerprint)) {
      refuseArrivals(db, bundleId, { messageKey: 'advisories.bundle.reasons.notHeadOffice', params: { signer: signer.name || signer.fingerprint } }, now);
    }
    return n;
  },
});
