import type { z } from 'zod';
import type { FieldError } from '../core/errors';

const MAX_FIELD_ERRORS = 50;

function pathOf(issue: z.core.$ZodIssue, key?: string): string {
  const parts = issue.path.map(String);
  if (key !== undefined) parts.push(key);
  return parts.join('.');
}

function toFieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  switch (issue.code) {
    case 'invalid_type':
      return [
        issue.input === undefined
          ? { path: pathOf(issue), messageKey: 'errors.field.required' }
          : { path: pathOf(issue), messageKey: 'errors.field.invalidType', params: { expected: issue.expected } },
      ];
    case 'too_big':
      return [
        {
          path: pathOf(issue),
          messageKey: issue.origin === 'string' ? 'errors.field.tooLong' : 'errors.field.tooLarge',
          params: { max: Number(issue.maximum) },
        },
      ];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return [{ path: pathOf(issue), messageKey: 'errors.field.required' }];
      }
      return [
        {
          path: pathOf(issue),
          messageKey: issue.origin === 'string' ? 'errors.field.tooShort' : 'errors.field.tooSmall',
          params: { min: Number(issue.minimum) },
        },
      ];
    case 'invalid_value':
      // A missing enum field is reported as invalid_value, not invalid_type: still "required".
      return [
        issue.input === undefined
          ? { path: pathOf(issue), messageKey: 'errors.field.required' }
          : { path: pathOf(issue), messageKey: 'errors.field.invalidOption' },
      ];
    case 'invalid_format':
      return [{ path: pathOf(issue), messageKey: 'errors.field.invalidFormat', params: { format: issue.format } }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: pathOf(issue, key.slice(0, 100)), messageKey: 'errors.field.unknownField' }));
    case 'custom': {
      // Only a refinement's own numbers and short codes travel (e.g. which character, where): never the input.
      const params = Object.entries(issue.params ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'number' || (typeof e[1] === 'string' && e[1].length <= 20));
      return [{ path: pathOf(issue), messageKey: issue.message, ...(params.length > 0 ? { params: Object.fromEntries(params) } : {}) }];
    }
    default:
      return [{ path: pathOf(issue), messageKey: 'errors.field.invalid' }];
  }
}

/** Zod issues as translatable field errors. Never echoes the offending value back. */
export function fieldErrorsFrom(error: z.ZodError): FieldError[] {
  return error.issues.flatMap(toFieldErrors).slice(0, MAX_FIELD_ERRORS);
}
