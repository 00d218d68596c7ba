import { z } from 'zod';
import {
  bundleSourceSchema,
  exportStartSchema,
  fingerprintSchema,
  installationNameSchema,
  reviewNoteSchema,
  trustAddSchema,
  trustTextSchema,
} from '../../core/bundle/bundle-schema';
import type * as B from '../../core/bundle/bundle-types';
import { entityId } from '../../core/validation';
import type { ChannelDef } from './contract';
import type { Done } from './results';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

const none = z.object({}).strict();
const byJob = z.object({ jobId: entityId }).strict();

/** Signed evidence bundles: this installation's key, the signers it trusts, bundles out and in, review notes. */
export const bundleContract = {
  'keys:show': def(none).returns<B.KeyInfo>(),
  'keys:rename': def(installationNameSchema).returns<B.KeyInfo>(),
  'trust:list': def(none).returns<B.TrustedSigner[]>(),
  'trust:preview': def(trustTextSchema).returns<B.TrustPreview>(),
  'trust:add': def(trustAddSchema).returns<B.TrustedSigner[]>(),
  'trust:revoke': def(z.object({ fingerprint: fingerprintSchema }).strict()).returns<B.TrustedSigner>(),
  'bundle:exportStart': def(exportStartSchema).returns<B.BundleJob>(),
  /** The definitions an export would carry (this installation's current ClamAV set); null when there are none. */
  'bundle:definitions': def(none).returns<B.CarriedDefinitions | null>(),
  'bundle:verifyStart': def(z.object({ source: bundleSourceSchema }).strict()).returns<B.BundleJob>(),
  'bundle:importStart': def(z.object({ source: bundleSourceSchema }).strict()).returns<B.BundleJob>(),
  'bundle:status': def(byJob).returns<B.BundleJob>(),
  'bundle:cancel': def(byJob).returns<B.BundleJob>(),
  'bundle:discard': def(z.object({ uploadId: entityId }).strict()).returns<Done>(),
  'bundle:history': def(z.object({ siteId: entityId.optional() }).strict()).returns<B.BundleRecord[]>(),
  'bundle:origins': def(none).returns<B.SiteOrigin[]>(),
  'review:list': def(z.object({ siteId: entityId }).strict()).returns<B.ReviewNote[]>(),
  'review:add': def(reviewNoteSchema).returns<B.ReviewNote>(),
};

export const BUNDLE_CHANNELS = Object.keys(bundleContract) as (keyof typeof bundleContract)[];
