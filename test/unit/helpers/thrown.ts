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
