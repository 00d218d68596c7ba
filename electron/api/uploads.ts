import type { Readable } from 'node:stream';
import { z } from 'zod';
import { receiveBundleUpload } from '../core/bundle/bundle-uploads';
import type { Core } from '../core/core';
import { HoanError } from '../core/errors';
import { storeEvidenceStream } from '../core/evidence/evidence-store';
import { receiveUpload } from '../core/inventory/upload-store';
import { getSettings } from '../core/settings/settings-repository';
import { singleLine } from '../core/text-schema';
import type { UploadResult } from './contract/results';

/** What a transport passes along with the bytes: the file's name and, where known, its size. */
export const uploadMetaSchema = z
  .object({
    name: singleLine(255, 1),
    size: z.number().int().min(0).optional(),
  })
  .strict();

export type UploadMeta = z.output<typeof uploadMetaSchema>;

type UploadHandler = (core: Core, body: Readable, meta: UploadMeta) => Promise<UploadResult>;

/**
 * Files arrive as a raw stream (HTTP body, or an app:// request body in
 * Electron), never as JSON: attachments may be hundreds of megabytes.
 */
export const uploadHandlers: Record<string, UploadHandler> = {
  evidence: async (core, body, meta) => {
    const maxBytes = getSettings(core.db).evidenceMaxMb * 1024 * 1024;
    if (meta.size !== undefined && meta.size > maxBytes) {
      // Refused from the declared size, before a byte is read.
      throw new HoanError('validation', 'errors.evidence.tooLarge', { name: meta.name, maxMb: maxBytes / 1048576 });
    }
    const stored = await storeEvidenceStream(core, body, { name: meta.name, maxBytes });
    return { ...stored, name: meta.name };
  },
  // A spreadsheet held in tmp/ until it is previewed and committed or cancelled (inventory:preview).
  inventory: async (core, body, meta) => {
    const { uploadId, name, size, sha256 } = await receiveUpload(core.dataDir, body, meta);
    return { uploadId, name, size, sha256 };
  },
  // A bundle chosen in the web host's file dialog, held for bundle:verifyStart / bundle:importStart.
  bundle: async (core, body, meta) => receiveBundleUpload(core.dataDir, body, meta),
};
