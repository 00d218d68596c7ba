import type { Readable } from 'node:stream';
import type { Core } from '../core/core';
import type { ErrorShape } from '../core/errors';
import { knownErrorShape } from '../core/known-errors';
import { CHANNELS, contract, isChannelName, type ChannelName, type Envelope } from './contract';
import { handlerFor } from './handler-groups';
import type { UploadResult } from './contract/results';
import { downloadHandlers, downloadQuerySchema, type FileReply } from './downloads';
import { uploadHandlers, uploadMetaSchema } from './uploads';
import { fieldErrorsFrom } from './zod-issues';

export interface Router {
  readonly channels: readonly ChannelName[];
  /** Never throws: every outcome is an envelope. */
  handle(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** A file as a stream, for `kind` (e.g. `evidence`). Never throws either. */
  upload(kind: unknown, body: Readable, meta: unknown): Promise<Envelope<UploadResult>>;
  /** A stored file by id (e.g. an evidence file by its sha256), with the headers to send it with. Never throws. */
  download(kind: unknown, id: unknown, query: unknown): Promise<Envelope<FileReply>>;
}

export interface RouterOptions {
  /** Where unexpected errors are reported; the caller only sees `errors.internal`. */
  log?: (err: unknown) => void;
}

function errorShape(err: unknown, core: Core, log: (err: unknown) => void): ErrorShape {
  const known = knownErrorShape(err, core.dbPath);
  if (known) return known;
  log(err);
  return { code: 'internal', messageKey: 'errors.internal' };
}

/**
 * The one gate between any transport and core: unknown channels and invalid
 * input are refused here, before a handler runs, so nothing is written.
 */
export function createRouter(core: Core, options: RouterOptions = {}): Router {
  const log = options.log ?? ((err) => console.error('[hoan] unexpected error:', err));
  return {
    channels: CHANNELS,
    async handle(channel, input) {
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'unknown_channel', messageKey: 'errors.unknownChannel' } };
      }
      const parsed = contract[channel].input.safeParse(input ?? {}, { reportInput: true });
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'validation', messageKey: 'errors.validation', fields: fieldErrorsFrom(parsed.error) },
        };
      }
      try {
        const handler = await handlerFor(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return { ok: true, data: await handler(core, parsed.data as never) };
      } catch (err) {
        return { ok: false, error: errorShape(err, core, log) };
      }
    },
    async upload(kind, body, meta) {
      const handler = typeof kind === 'string' && Object.hasOwn(uploadHandlers, kind) ? uploadHandlers[kind] : undefined;
      if (!handler) {
        body.resume();
        return { ok: false, error: { code: 'unknown_channel', messageKey: 'errors.unknownChannel' } };
      }
      const parsed = uploadMetaSchema.safeParse(meta, { reportInput: true });
      if (!parsed.success) {
        body.resume();
        return {
          ok: false,
          error: { code: 'validation', messageKey: 'errors.validation', fields: fieldErrorsFrom(parsed.error) },
        };
      }
      try {
        return { ok: true, data: await handler(core, body, parsed.data) };
      } catch (err) {
        return { ok: false, error: errorShape(err, core, log) };
      }
    },
    async download(kind, id, query) {
      const handler = typeof kind === 'string' && Object.hasOwn(downloadHandlers, kind) ? downloadHandlers[kind] : undefined;
      if (!handler || typeof id !== 'string') {
        return { ok: false, error: { code: 'unknown_channel', messageKey: 'errors.unknownChannel' } };
      }
      const parsed = downloadQuerySchema.safeParse(query ?? {}, { reportInput: true });
      if (!parsed.success) {
        return { ok: false, error: { code: 'validation', messageKey: 'errors.validation', fields: fieldErrorsFrom(parsed.error) } };
      }
      try {
        return { ok: true, data: handler(core, id, parsed.data) };
      } catch (err) {
        return { ok: false, error: errorShape(err, core, log) };
      }
    },
  };
}
