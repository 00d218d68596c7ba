import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Core } from '../core/core';
import { evidenceFile } from '../core/evidence/evidence-download';
import { singleLine } from '../core/text-schema';

/**
 * What a transport passes along with a file's id (`?name=…&inline=1`): the
 * name to suggest to the browser and whether the file may be shown rather
 * than saved. Core decides whether it actually may.
 */
export const downloadQuerySchema = z
  .object({
    name: singleLine(255, 1).optional(),
    inline: z.literal('1').optional(),
  })
  .strict();

export type DownloadQuery = z.output<typeof downloadQuerySchema>;

/** A file ready to send: every header decided by core, the body opened only when it is sent (never for HEAD). */
export interface FileReply {
  headers: Record<string, string>;
  open(): Readable;
}

type DownloadHandler = (core: Core, id: string, query: DownloadQuery) => FileReply;

/** Files the renderer fetches by id with GET (`./evidence/<sha256>`), on the web host and over app://. */
export const downloadHandlers: Record<string, DownloadHandler> = {
  evidence: (core, id, query) => evidenceFile(core, id, { name: query.name, inline: query.inline === '1' }),
};
