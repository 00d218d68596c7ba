import { toSingleLine } from '../text-schema';
import { BUNDLE_NAMESPACE, fingerprintOf, keyFromBlob, KEY_TYPE } from './keys';

export interface AllowedSigner {
  principal: string;
  /** The installation's name from the line's comment, or the principal. */
  name: string;
  publicBlob: Buffer;
  fingerprint: string;
}

export type SignerLineProblem = 'malformed' | 'unsupported_key' | 'bad_key' | 'cert_authority' | 'namespace_excluded';

export interface SignerLineError {
  line: number;
  problem: SignerLineProblem;
}

/** Whitespace-separated tokens; double quotes keep spaces and commas together. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/** OpenSSH's `*` and `?` patterns, as in `namespaces="hoan-*"`. */
function matchesPattern(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

function namespacesAllowBundles(options: string[]): boolean {
  const option = options.flatMap((o) => o.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)).find((o) => o.toLowerCase().startsWith('namespaces='));
  if (!option) return true;
  const list = option.slice('namespaces='.length).replace(/^"|"$/g, '').split(',');
  return list.some((p) => matchesPattern(p.trim(), BUNDLE_NAMESPACE));
}

function parseLine(text: string): AllowedSigner | SignerLineProblem {
  const t = tokens(text);
  const keyAt = t.findIndex((x, i) => i > 0 && /^(ssh-|ecdsa-|sk-)/.test(x));
  if (keyAt < 1 || t.length < keyAt + 2) return 'malformed';
  if (t[keyAt] !== KEY_TYPE) return 'unsupported_key';
  const options = t.slice(1, keyAt);
  if (options.some((o) => /(^|,)cert-authority(,|$)/i.test(o))) return 'cert_authority';
  if (!namespacesAllowBundles(options)) return 'namespace_excluded';
  const principal = t[0]!.replace(/^"|"$/g, '');
  let publicBlob: Buffer;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t[keyAt + 1]!)) return 'bad_key';
    publicBlob = Buffer.from(t[keyAt + 1]!, 'base64');
    keyFromBlob(publicBlob);
  } catch {
    return 'bad_key';
  }
  const comment = toSingleLine(t.slice(keyAt + 2).join(' '), 300);
  return { principal, name: comment || principal, publicBlob, fingerprint: fingerprintOf(publicBlob) };
}

/**
 * Reads an allowed_signers file or pasted lines. Blank lines and `#` comments
 * are skipped; every other line is either a signer or an error naming its
 * line number, so the user sees all problems at once.
 */
export function parseAllowedSigners(text: string): { signers: AllowedSigner[]; errors: SignerLineError[] } {
  const signers: AllowedSigner[] = [];
  const errors: SignerLineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') errors.push({ line: i + 1, problem: parsed });
    else if (!signers.some((s) => s.fingerprint === parsed.fingerprint)) signers.push(parsed);
  });
  return { signers, errors };
}
