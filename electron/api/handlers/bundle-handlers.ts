import { definitionsToSend } from '../../core/bundle/bundle-definitions';
import { listBundles } from '../../core/bundle/bundle-history';
import { cancelJob, jobStatus } from '../../core/bundle/bundle-jobs';
import { startExportJob, startImportJob, startVerifyJob } from '../../core/bundle/bundle-service';
import { discardUpload } from '../../core/bundle/bundle-uploads';
import { keyInfo, renameInstallation } from '../../core/bundle/installation';
import { addReviewNote, listReviewNotes } from '../../core/bundle/review-notes';
import { listOrigins } from '../../core/bundle/site-ownership';
import { addTrusted, listTrusted, previewTrust, revokeTrusted } from '../../core/bundle/trust-store';
import { actingUser } from '../../core/settings/acting-user';
import { getSite } from '../../core/sites/site-repository';
import type { Handlers } from './handler-types';

type BundleChannel = Extract<keyof Handlers, `keys:${string}` | `trust:${string}` | `bundle:${string}` | `review:${string}`>;

export const bundleHandlers: Handlers<BundleChannel> = {
  'keys:show': (core) => keyInfo(core.db, core.dataDir),
  'keys:rename': (core, { name }) => {
    renameInstallation(core.db, name, core.now());
    return keyInfo(core.db, core.dataDir);
  },
  'trust:list': (core) => listTrusted(core.db),
  'trust:preview': (core, { text }) => previewTrust(core.db, text),
  'trust:add': (core, { text, role }) => addTrusted(core.db, text, role, 'manual', actingUser(core), core.now()),
  'trust:revoke': (core, { fingerprint }) => revokeTrusted(core.db, fingerprint, core.now()),
  'bundle:exportStart': (core, { siteId, targetDir, withDefinitions, advisories }) =>
    startExportJob(core, siteId, targetDir, { withDefinitions: withDefinitions === true, ...(advisories ? { advisories } : {}) }),
  'bundle:definitions': (core) => definitionsToSend(core),
  'bundle:verifyStart': (core, { source }) => startVerifyJob(core, source),
  'bundle:importStart': (core, { source }) => startImportJob(core, source),
  'bundle:status': (core, { jobId }) => jobStatus(core, jobId),
  'bundle:cancel': (core, { jobId }) => cancelJob(core, jobId),
  'bundle:discard': (core, { uploadId }) => {
    discardUpload(core.dataDir, uploadId);
    return { done: true };
  },
  'bundle:history': (core, { siteId }) => {
    if (siteId) getSite(core.db, siteId);
    return listBundles(core.db, siteId);
  },
  'bundle:origins': (core) => listOrigins(core.db),
  'review:list': (core, { siteId }) => listReviewNotes(core.db, siteId),
  'review:add': (core, input) => addReviewNote(core.db, input, actingUser(core), core.now()),
};
