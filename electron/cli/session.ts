import type { ParseArgsConfig } from 'node:util';
import type { ChannelInput, ChannelName, ChannelResult, Envelope, ErrorShape } from '../api/contract';
import type { Router } from '../api/router';
import type { Core } from '../core/core';
import type { FieldError } from '../core/errors';
import { describeError } from '../core/i18n/translate';
import type { LocaleId } from '../../renderer/locales';
import { EXIT, type CliIo } from './cli-io';

/** One CLI invocation: the opened data folder, its router, and how to talk back. */
export interface Session {
  core: Core;
  router: Router;
  locale: LocaleId;
  json: boolean;
  io: CliIo;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A top-level command (`hoan sites …`). Each lives in its own file under commands/. */
export interface Command {
  name: string;
  /** Lines for `hoan --help`. */
  usage: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  run(session: Session, args: string[], values: OptionValues): Promise<number | void>;
}

/** A failure already phrased for the user; main prints it and exits with its code. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly lines: string[],
    readonly error?: ErrorShape,
  ) {
    super(lines.join('\n'));
  }
}

export class UsageError extends Error {}

export const EXIT_BY_CODE: Partial<Record<ErrorShape['code'], number>> = {
  validation: EXIT.validation,
  not_found: EXIT.notFound,
  unknown_channel: EXIT.usage,
  db_newer: EXIT.database,
  db_corrupt: EXIT.database,
  db_migration_edited: EXIT.database,
  conflict: EXIT.io,
  io: EXIT.io,
  busy: EXIT.busy,
};

/**
 * Refusals whose remedy differs in a terminal: the app's message points to
 * its settings screen, the CLI's to its own flags and `hoan setup`.
 */
const CLI_MESSAGES: Record<string, string> = {
  'errors.noUserName': 'cli.setup.noUserName',
  'bundle.errors.noInstallationName': 'cli.setup.noInstallationName',
  'definitions.errors.unsignedNotAccepted': 'definitions.cli.unsignedNotAccepted',
};

export function forTerminal(error: ErrorShape): ErrorShape {
  const key = CLI_MESSAGES[error.messageKey];
  return key ? { ...error, messageKey: key } : error;
}

export function failWith(locale: LocaleId, error: ErrorShape, fieldLabel?: (path: string) => string): CliFailure {
  return new CliFailure(EXIT_BY_CODE[error.code] ?? EXIT.internal, describeError(locale, forTerminal(error), fieldLabel), error);
}

/** Every command goes through the router, so the CLI obeys the same rules as the UI. */
export async function call<C extends ChannelName>(
  s: Session,
  channel: C,
  input: ChannelInput<C>,
  fieldLabel?: (path: string) => string,
): Promise<ChannelResult<C>> {
  const envelope = (await s.router.handle(channel, input)) as Envelope<ChannelResult<C>>;
  if (!envelope.ok) throw failWith(s.locale, envelope.error, fieldLabel);
  return envelope.data;
}

export function rejectFields(s: Session, fields: FieldError[], fieldLabel?: (path: string) => string): void {
  if (fields.length > 0) throw failWith(s.locale, { code: 'validation', messageKey: 'errors.validation', fields }, fieldLabel);
}

/** JSON with --json, else the human text. */
export function print(s: Session, value: unknown, text: () => string): void {
  s.io.out(s.json ? JSON.stringify(value, null, 2) : text());
}

export function requireArg(value: string | undefined): string {
  if (!value) throw new UsageError();
  return value;
}
