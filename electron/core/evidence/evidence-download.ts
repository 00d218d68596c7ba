import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type { Core } from '../core';
import { FILE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../csp';
import { HoanError } from '../errors';
import { evidenceFilePath, hasEvidence } from './evidence-store';

/**
 * Stored evidence handed back to the user, to open or to save. Evidence is
 * whatever someone attached (a photo, a PDF, a scanner's log, or a hostile
 * HTML or SVG file): it is found by its sha256 only, never by a path; its
 * type is read from its first bytes, never from its name; and only inert
 * types a browser can show without running anything (PNG, JPEG, GIF, WebP,
 * PDF, UTF-8 text that is not markup) are ever shown. Everything else is
 * application/octet-stream and always saved. Every answer carries nosniff, a
 * CSP with `sandbox` (a shown file loads nothing, runs no page script and has
 * an opaque origin, so it cannot call the app's API), and the name as
 * RFC 6266/5987 `filename*`.
 */

export type EvidenceKind = 'image' | 'pdf' | 'text' | 'other';

/** Enough to tell a type from its signature and a text file from a binary one. */
const SNIFF_BYTES = 64 * 1024;

const SIGNATURES: { kind: EvidenceKind; type: string; ext: string; test(b: Buffer): boolean }[] = [
  { kind: 'image', type: 'image/png', ext: '.png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { kind: 'image', type: 'image/jpeg', ext: '.jpg', test: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { kind: 'image', type: 'image/gif', ext: '.gif', test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { kind: 'image', type: 'image/webp', ext: '.webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { kind: 'pdf', type: 'application/pdf', ext: '.pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** UTF-8 without NUL or other control characters than tab, line breaks and form feed; a sequence cut at the sniff's end is fine. */
function isText(head: Buffer, whole: boolean): boolean {
  if (/[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/.test(head.toString('latin1'))) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= (whole ? 0 : 3); cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // A multi-byte character cut by the sniff window: try without its first bytes.
    }
  }
  return false;
}

export interface SniffedType {
  kind: EvidenceKind;
  contentType: string;
  ext: string;
}

/**
 * HTML, SVG and XML are text too, and harmless as text/plain with nosniff;
 * they are still never shown, only saved, so no browser quirk can ever
 * render one.
 */
function looksLikeMarkup(head: Buffer): boolean {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*</.test(text) || /<(?:!doctype|html|svg|script|iframe|object|embed)\b/i.test(text);
}

/** The type Hoan serves a file as, from its first bytes (up to 64 KiB) only. */
export function sniffEvidence(head: Buffer, whole = head.length < SNIFF_BYTES): SniffedType {
  const signature = SIGNATURES.find((s) => s.test(head));
  if (signature) return { kind: signature.kind, contentType: signature.type, ext: signature.ext };
  if (isText(head, whole) && !looksLikeMarkup(head)) return { kind: 'text', contentType: 'text/plain; charset=utf-8', ext: '.txt' };
  return { kind: 'other', contentType: 'application/octet-stream', ext: '' };
}

/** RFC 5987 attr-char: what may stand unencoded in `filename*`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`. The quoted name is an
 * ASCII stand-in for old clients; both drop folders, quotes, backslashes and
 * controls, so the header can neither break nor name a path.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const base = name.replace(/[/\\]/g, '_').replace(/[\x00-\x1f\x7f]/g, '');
  const ascii = base.replace(/[^\x20-\x7e]|["%]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(base)}`;
}

export interface EvidenceFile {
  sha256: string;
  size: number;
  kind: EvidenceKind;
  headers: Record<string, string>;
  /**
   * The bytes, hashed on the way: a file that no longer matches its sha256
   * ends the stream with an error, so a damaged copy never reaches the user
   * as evidence.
   */
  open(): Readable;
}

/**
 * A stored file, to show (`inline`, honoured only for the inert types) or to
 * save. Unknown or malformed ids are not found; the name is only the one
 * suggested to the browser.
 */
export function evidenceFile(core: Core, sha256: string, options: { name?: string | undefined; inline?: boolean | undefined } = {}): EvidenceFile {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !hasEvidence(core, sha256)) {
    throw new HoanError('not_found', 'errors.evidence.notFound', { sha256: sha256.slice(0, 64) });
  }
  const file = evidenceFilePath(core.dataDir, sha256);
  let size: number;
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      size = fs.fstatSync(fd).size;
      head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw new HoanError('io', 'errors.evidence.missingFile', { sha256 });
  }
  const type = sniffEvidence(head, size <= SNIFF_BYTES);
  const inline = options.inline === true && type.kind !== 'other';
  const name = options.name?.trim() || `${sha256}${type.ext}`;
  return {
    sha256,
    size,
    kind: type.kind,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
      'Content-Type': type.contentType,
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', name),
      'Cache-Control': 'no-store',
    },
    open: () => {
      const hash = createHash('sha256');
      // The last chunk is held until the hash is known: a damaged file never
      // reaches its declared length, so no client takes it for complete.
      let held: Buffer | null = null;
      const check = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          const previous = held;
          held = chunk;
          done(null, previous ?? undefined);
        },
        flush(done) {
          if (hash.digest('hex') !== sha256) return done(new HoanError('io', 'bundle.errors.evidenceDamaged', { sha256 }));
          done(null, held ?? undefined);
        },
      });
      const source = fs.createReadStream(file);
      source.on('error', (err) => check.destroy(err));
      return source.pipe(check);
    },
  };
}
