import type { ClassificationAnswersInput } from '../core/classification/classification-schema';
import type { SiteFieldsInput } from '../core/sites/site-schema';
import type { FieldError } from '../core/errors';

/** `hoan sites add` flags, in the order `--help` lists them. */
export const SITE_FLAGS = {
  name: { type: 'string', field: 'name' },
  address: { type: 'string', field: 'address' },
  owner: { type: 'string', field: 'ownerName' },
  contractor: { type: 'string', field: 'contractorName' },
  region: { type: 'string', field: 'region' },
  voltage: { type: 'string', field: 'receivingVoltageV' },
  'capacity-kw': { type: 'string', field: 'generationCapacityKw' },
  'grid-connected': { type: 'boolean', field: 'gridConnected' },
  'reverse-flow': { type: 'boolean', field: 'reversePowerFlow' },
  monitoring: { type: 'boolean', field: 'hasRemoteMonitoring' },
  control: { type: 'boolean', field: 'hasControlSystem' },
  installation: { type: 'string', field: 'installationType' },
  'last-change': { type: 'string', field: 'lastSystemChangeDate' },
} as const;

type FlagName = keyof typeof SITE_FLAGS;
type FlagValues = Partial<Record<FlagName, string | boolean>>;

export function flagForField(path: string): string {
  const root = path.split('.')[0];
  const entry = Object.entries(SITE_FLAGS).find(([, spec]) => spec.field === root);
  return entry ? `--${entry[0]}` : path;
}

function numberOrError(raw: string | boolean | undefined, field: string, errors: FieldError[]): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Number(String(raw).normalize('NFKC').replace(/,/g, ''));
  if (!Number.isFinite(value)) {
    errors.push({ path: field, messageKey: 'errors.field.notANumber' });
    return null;
  }
  return value;
}

/** Flags to the API's input; numbers are parsed here so the error names the flag. */
export function siteInputFromFlags(values: FlagValues): { input: SiteFieldsInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const input = {
    name: (values.name as string | undefined) ?? '',
    address: (values.address as string | undefined) ?? '',
    ownerName: (values.owner as string | undefined) ?? '',
    contractorName: (values.contractor as string | undefined) ?? '',
    region: (values.region as string | undefined) ?? '',
    receivingVoltageV: numberOrError(values.voltage, 'receivingVoltageV', errors),
    generationCapacityKw: numberOrError(values['capacity-kw'], 'generationCapacityKw', errors),
    gridConnected: values['grid-connected'] === true,
    reversePowerFlow: values['reverse-flow'] === true,
    hasRemoteMonitoring: values.monitoring === true,
    hasControlSystem: values.control === true,
    installationType: (values.installation as string | undefined) ?? 'new',
    lastSystemChangeDate: (values['last-change'] as string | undefined) ?? null,
  };
  return { input: input as SiteFieldsInput, errors };
}

const ANSWER_KEYS: Record<string, keyof ClassificationAnswersInput> = {
  monitoring: 'hasRemoteMonitoring',
  control: 'hasControlSystem',
  generation: 'hasGeneration',
  surplus: 'sellsSurplus',
};

const YES = new Set(['yes', 'y', 'true', '1', 'はい']);
const NO = new Set(['no', 'n', 'false', '0', 'いいえ']);

/**
 * `--answers monitoring=yes,control=no,generation=yes,surplus=yes`, or the
 * same as a JSON object with the API's field names.
 */
export function parseAnswers(raw: string): { answers: unknown; errors: FieldError[] } {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      return { answers: JSON.parse(text), errors: [] };
    } catch {
      return { answers: undefined, errors: [{ path: 'answers', messageKey: 'errors.invalidJson' }] };
    }
  }
  const answers: Record<string, boolean> = {};
  const errors: FieldError[] = [];
  for (const pair of text.split(',').filter(Boolean)) {
    const [key = '', value = ''] = pair.split('=').map((s) => s.trim().toLowerCase());
    const field = ANSWER_KEYS[key];
    if (!field) {
      errors.push({ path: `answers.${key}`, messageKey: 'errors.field.unknownField' });
    } else if (YES.has(value)) {
      answers[field] = true;
    } else if (NO.has(value)) {
      answers[field] = false;
    } else {
      errors.push({ path: `answers.${field}`, messageKey: 'errors.field.invalidOption' });
    }
  }
  return { answers, errors };
}
