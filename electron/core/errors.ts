/**
 * Errors that cross the API boundary. The renderer never sees a raw message:
 * it gets a code and a message key it translates into the user's language.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'unknown_channel'
  | 'conflict'
  /** Another process held the database's write lock past busy_timeout. */
  | 'busy'
  | 'payload_too_large'
  | 'db_newer'
  | 'db_corrupt'
  | 'db_migration_edited'
  | 'io'
  | 'internal';

export type ErrorParams = Record<string, string | number>;

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `answers.sellsSurplus`. */
  path: string;
  messageKey: string;
  params?: ErrorParams;
}

export interface ErrorShape {
  code: ErrorCode;
  messageKey: string;
  params?: ErrorParams;
  fields?: FieldError[];
}

export class HoanError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: ErrorParams | undefined;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, messageKey: string, params?: ErrorParams, fields?: FieldError[]) {
    super(`${code}: ${messageKey}${params ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'HoanError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.fields = fields;
  }

  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, messageKey: this.messageKey };
    if (this.params) shape.params = this.params;
    if (this.fields) shape.fields = this.fields;
    return shape;
  }
}

export function notFound(entity: string, id: string): HoanError {
  return new HoanError('not_found', 'errors.notFound', { entity, id });
}
