import type Database from 'better-sqlite3';
import { parseAllowedSigners } from './allowed-signers';
import { findTrusted } from './trust-store';
import type { TrustLookup } from './verify-signature';

/** The installation's trust store, as verification asks it. */
export function trustStoreLookup(db: Database.Database): TrustLookup {
  return (fingerprint) => {
    const signer = findTrusted(db, fingerprint);
    return signer ? { name: signer.name, principal: signer.principal } : undefined;
  };
}

/** An allowed_signers file given on the command line (`hoan bundle verify --trust FILE`). */
export function allowedSignersLookup(text: string): TrustLookup {
  const signers = new Map(parseAllowedSigners(text).signers.map((s) => [s.fingerprint, s]));
  return (fingerprint) => {
    const s = signers.get(fingerprint);
    return s ? { name: s.name, principal: s.principal } : undefined;
  };
}
