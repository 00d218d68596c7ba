import { createHash } from 'node:crypto';
import type { Refusal } from './csaf-bounds';

/**
 * The checks beside the schema, as CSAF providers publish them (spec 7.1.18
 * and 7.1.19): a `.sha512` file (`<hex>  <name>` as sha512sum writes it, or
 * the bare hex) and a detached, ASCII-armoured OpenPGP signature `.asc`.
 * OpenPGP is read by openpgp.js (a well-kept implementation; a signature
 * packet is a hostile format, not one to parse by hand). A signature is
 * checked only against keys in Hoan's trust store (advisory-keys.ts): a key
 * Hoan does not trust proves nothing, so its signature is reported, not
 * counted.
 */

export const MAX_SIDECAR_BYTES = 64 * 1024;

export interface TrustedKey {
  fingerprint: string;
  armored: string;
}

export type SignatureCheck =
  | { outcome: 'verified'; fingerprint: string }
  | { outcome: 'untrusted'; keyIds: string[] }
  | { outcome: 'refused'; refusal: Refusal };

/** null when the digest matches; otherwise why not. */
export function sha512Refusal(bytes: Uint8Array, sidecar: string): Refusal | null {
  const match = /^\s*([0-9a-fA-F]{128})(?:\s|$)/.exec(sidecar);
  if (!match) return { key: 'advisories.import.refused.sha512Unreadable' };
  const actual = createHash('sha512').update(bytes).digest('hex');
  return actual === match[1]!.toLowerCase() ? null : { key: 'advisories.import.refused.sha512Mismatch' };
}

type OpenPgp = typeof import('openpgp');
let openpgpModule: Promise<OpenPgp> | null = null;
/** Loaded at the first signature, not when Hoan starts. */
export function loadOpenPgp(): Promise<OpenPgp> {
  openpgpModule ??= import('openpgp');
  return openpgpModule;
}

export async function checkSignature(bytes: Uint8Array, armoredSignature: string, trusted: () => TrustedKey[]): Promise<SignatureCheck> {
  const openpgp = await loadOpenPgp();
  let signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature });
  } catch {
    return { outcome: 'refused', refusal: { key: 'advisories.import.refused.ascUnreadable' } };
  }
  const keyIds = signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
  const candidates: { fingerprint: string; key: Awaited<ReturnType<OpenPgp['readKey']>> }[] = [];
  for (const entry of trusted()) {
    const key = await openpgp.readKey({ armoredKey: entry.armored });
    const ids = key.getKeyIDs().map((id) => id.toHex().toUpperCase());
    if (ids.some((id) => keyIds.includes(id))) candidates.push({ fingerprint: entry.fingerprint, key });
  }
  if (candidates.length === 0) return { outcome: 'untrusted', keyIds };
  try {
    const message = await openpgp.createMessage({ binary: bytes });
    const result = await openpgp.verify({ message, signature, verificationKeys: candidates.map((c) => c.key), format: 'binary' });
    for (const sig of result.signatures) {
      await sig.verified; // throws when it does not verify
      const signer = sig.keyID.toHex().toUpperCase();
      const candidate = candidates.find((c) => c.key.getKeyIDs().some((id) => id.toHex().toUpperCase() === signer));
      if (candidate) return { outcome: 'verified', fingerprint: candidate.fingerprint };
    }
  } catch {
    // falls through: a signature by a trusted key that does not verify
  }
  return { outcome: 'refused', refusal: { key: 'advisories.import.refused.ascInvalid', params: { fingerprint: candidates[0]!.fingerprint } } };
}
