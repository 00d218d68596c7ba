import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Core } from '../core';
import { currentDefinitionsSet, installedClamFolder } from '../definitions/definitions-store';
import type { DefinitionsSet } from '../definitions/definitions-types';
import { HoanError } from '../errors';
import { DEFINITIONS_LIST_PATH, DEFINITIONS_PREFIX, definitionsPath } from './bundle-layout';
import type { BagSummary, BundleFailure, CarriedDefinitions } from './bundle-types';

/**
 * Scanner definitions in a review bundle (issue 12, 8-1-3): head office
 * sends its current ClamAV set to a site inside its signed bag, so the site
 * gets definitions without a connected machine, and can accept unsigned
 * containers (`.cud`) and plain signature files because a trusted head-office
 * key vouches for every byte.
 *
 * Layout (bundle-layout.ts), both payload: listed in manifest-sha256.txt,
 * so the signature over the tag manifest covers them:
 *
 *   data/definitions/clamav.json      the list below
 *   data/definitions/clamav/<name>    each file, byte for byte as head office's store holds it
 *
 * The list is one JSON object in UTF-8, then a newline:
 *
 *   format   "hoan-definitions/1"
 *   scanner  "clamav"
 *   version  the set's label at head office (`daily 27500, main 62`), or null
 *   builtAt  the newest build time among the files (ISO 8601, UTC), or null
 *   files    1 to 64 objects, names unique ignoring case:
 *     name     [A-Za-z0-9][A-Za-z0-9._-]{0,120}, not ending in "."; not a
 *              Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)
 *              before its first "."
 *     sha256   64 lowercase hex digits; equal to the manifest's hash of
 *              data/definitions/clamav/<name>
 *     size     bytes; equal to that entry's size
 *     kind     "signed" | "unsigned" | "plain", as head office's store read it
 *     version  the container header's version, or null
 *     builtAt  the container header's build time (ISO 8601, UTC), or null
 *
 * Every entry under data/definitions/clamav/ is in the list and every file
 * in the list is an entry; the list comes with at least one file or not at
 * all. Only a review bundle (head office to site) carries them: a site bundle
 * with definitions is refused. The list says what arrived; what the site
 * installs is checked again by its own definitions store (sigtool, the
 * engine's functionality level, build times) like any other import.
 */

export const DEFINITIONS_FORMAT = 'hoan-definitions/1';
export const MAX_DEFINITIONS_FILES = 64;

const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/)
  .refine((n) => !n.endsWith('.') && !DEVICE_NAME.test(n.split('.')[0]!));
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/).nullable();

const listSchema = z
  .object({
    format: z.literal(DEFINITIONS_FORMAT),
    scanner: z.literal('clamav'),
    version: z.string().max(200).nullable(),
    builtAt: iso,
    files: z
      .array(
        z
          .object({
            name: fileName,
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
            size: z.number().int().min(0),
            kind: z.enum(['signed', 'unsigned', 'plain']),
            version: z.string().max(40).nullable(),
            builtAt: iso,
          })
          .strict(),
      )
      .min(1)
      .max(MAX_DEFINITIONS_FILES),
  })
  .strict();

/** What a bundle says of a store's set: no ids, no people, only what identifies the files. */
export function carriedFromSet(set: DefinitionsSet): CarriedDefinitions {
  return {
    scanner: 'clamav',
    version: set.version,
    builtAt: set.builtAt,
    files: set.files.map((f) => ({
      name: f.name,
      sha256: f.sha256,
      size: f.size,
      kind: f.kind === 'defender_package' ? 'plain' : f.kind,
      version: f.version,
      builtAt: f.builtAt,
    })),
  };
}

export function definitionsListBytes(carried: CarriedDefinitions): Buffer {
  return Buffer.from(`${JSON.stringify({ format: DEFINITIONS_FORMAT, ...carried })}\n`);
}

/**
 * The installation's current ClamAV set, as an export would carry it; null
 * when it has none. Shown next to the export's checkbox.
 */
export function definitionsToSend(core: Core): CarriedDefinitions | null {
  const set = currentDefinitionsSet(core, 'clamav');
  return set && set.files.length > 0 && installedClamFolder(core) ? carriedFromSet(set) : null;
}

export interface PlannedDefinitions {
  carried: CarriedDefinitions;
  list: Buffer;
  /** Each file in the store, with the size and hash the writer checks again while copying. */
  files: { name: string; size: number; file: string; sha256: string }[];
}

/**
 * The files an export adds, from this installation's store. Refused when
 * there is nothing to send, and when a stored file is no longer the size the
 * store recorded (the writer checks every byte's hash as it copies).
 */
export function planDefinitions(core: Core): PlannedDefinitions {
  const set = currentDefinitionsSet(core, 'clamav');
  const folder = installedClamFolder(core);
  if (!set || !folder || set.files.length === 0) throw new HoanError('validation', 'bundle.errors.noDefinitions');
  const carried = carriedFromSet(set);
  if (!listSchema.safeParse({ format: DEFINITIONS_FORMAT, ...carried }).success) throw new HoanError('validation', 'bundle.errors.definitionsUnfit', { version: set.version ?? '' });
  const files = carried.files.map((f) => {
    const file = path.join(folder, f.name);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      size = -1;
    }
    if (size !== f.size) throw new HoanError('io', 'bundle.errors.definitionsDamaged', { file });
    return { name: definitionsPath(f.name), size: f.size, file, sha256: f.sha256 };
  });
  return { carried, list: definitionsListBytes(carried), files };
}

/**
 * Part of the records stage, after the manifests hold (so every byte here is
 * signed): the list parses, names exactly the definitions entries, and
 * agrees with the manifest's hashes and the entries' sizes. Needs no
 * database: export's preflight and read-back run it too.
 */
export function checkCarriedDefinitions(
  texts: Map<string, Buffer>,
  bag: Pick<BagSummary, 'kind'>,
  entries: Map<string, { size: number }>,
  manifest: Map<string, string>,
): { definitions: CarriedDefinitions | null } | BundleFailure {
  const fail = (entry: string, reason: string, params?: BundleFailure['params']): BundleFailure => ({ class: 'records_invalid', entry, reason, ...(params ? { params } : {}) });
  const carriedNames = [...entries.keys()].filter((n) => n.startsWith(DEFINITIONS_PREFIX));
  const bytes = texts.get(DEFINITIONS_LIST_PATH);
  if (!bytes) return carriedNames.length > 0 ? fail(carriedNames[0]!, 'definitionsUnlisted') : { definitions: null };
  if (bag.kind !== 'review') return fail(DEFINITIONS_LIST_PATH, 'definitionsInSiteBundle');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return fail(DEFINITIONS_LIST_PATH, 'json');
  }
  const parsed = listSchema.safeParse(json);
  if (!parsed.success) return fail(DEFINITIONS_LIST_PATH, 'schema', { path: parsed.error.issues[0]?.path.join('.').slice(0, 200) ?? '' });
  const { format: _format, ...carried } = parsed.data;
  const seen = new Set<string>();
  for (const f of carried.files) {
    const entry = definitionsPath(f.name);
    if (seen.has(f.name.toLowerCase())) return fail(entry, 'duplicate');
    seen.add(f.name.toLowerCase());
    const found = entries.get(entry);
    if (!found) return fail(entry, 'definitionsMissing');
    if (manifest.get(entry) !== f.sha256 || found.size !== f.size) return fail(entry, 'definitionsMismatch');
  }
  const listed = new Set(carried.files.map((f) => definitionsPath(f.name)));
  const unlisted = carriedNames.find((n) => !listed.has(n));
  if (unlisted) return fail(unlisted, 'definitionsUnlisted');
  return { definitions: carried };
}
