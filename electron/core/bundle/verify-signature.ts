import { TAG_FILES } from './bagit';
import type { BundleFailure } from './bundle-types';
import type { CheckedEntry } from './bundle-structure';
import { readEntry } from './entry-io';
import { BUNDLE_NAMESPACE, fingerprintOf } from './keys';
import { checkSshsig } from './sshsig';
import type { ZipFile } from './zip-reader';

/** Who this verification accepts: the trust store, an allowed_signers file, or (read-back) the installation itself. */
export type TrustLookup = (fingerprint: string) => { name: string; principal: string } | undefined;

export interface SignedTagManifest {
  tagManifest: Buffer;
  signer: { fingerprint: string; name: string; principal: string };
}

/**
 * Stage 2: the SSHSIG over the tag manifest. A signature that does not
 * verify, one made for another purpose (namespace), and a valid one by a
 * key nobody trusted are three different failures.
 */
export async function checkSignature(
  zip: ZipFile,
  entries: Map<string, CheckedEntry>,
  trust: TrustLookup,
): Promise<SignedTagManifest | BundleFailure> {
  const tagEntry = entries.get(TAG_FILES.tagManifest);
  if (!tagEntry) return { class: 'bag_invalid', entry: TAG_FILES.tagManifest, reason: 'missingTagFile' };
  const sigEntry = entries.get(TAG_FILES.signature);
  if (!sigEntry) return { class: 'signature_invalid', entry: TAG_FILES.signature, reason: 'missingSignature' };
  const tagManifest = await readEntry(zip, tagEntry);
  const check = checkSshsig(await readEntry(zip, sigEntry), tagManifest);
  if (!check.ok) return { class: 'signature_invalid', entry: TAG_FILES.signature, reason: check.problem === 'malformed' ? 'malformedSignature' : 'badSignature' };
  const fingerprint = fingerprintOf(check.publicBlob);
  if (check.namespace !== BUNDLE_NAMESPACE) {
    return { class: 'wrong_namespace', entry: TAG_FILES.signature, reason: 'wrongNamespace', params: { namespace: check.namespace.slice(0, 100), expected: BUNDLE_NAMESPACE } };
  }
  const trusted = trust(fingerprint);
  if (!trusted) return { class: 'untrusted_signer', entry: TAG_FILES.signature, reason: 'untrusted', params: { fingerprint } };
  return { tagManifest, signer: { fingerprint, ...trusted } };
}
