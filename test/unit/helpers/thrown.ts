import { HoanError } from '../../../electron/core/errors';

/** The HoanError a call throws; fails the test if it throws something else or nothing. */
export function thrown(fn: () => unknown): HoanError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HoanError) return err;
    throw err;
  }
  throw new Error('expected a HoanError');
}

/** What a promise's HoanError says (code, message key, params); fails the test if it resolves or rejects with something else. */
export async function refusal(p: Promise<unknown>): Promise<Pick<HoanError, 'code' | 'messageKey' | 'params'>> {
  const err = await p.then(
    () => new Error('expected a HoanError, but the promise resolved'),
    (e: unknown) => e,
  );
  if (!(err instanceof HoanError)) throw err;
  const { code, messageKey, params } = err;
  return { code, messageKey, params };
}
