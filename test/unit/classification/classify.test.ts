import { describe, expect, it } from 'vitest';
import {
  classificationAnswersSchema,
  type ClassificationAnswers,
  type ClassificationOutcome,
} from '../../../electron/core/classification/classification-schema';
import {
  answersFromSite,
  classify,
  GUIDELINE_IN_FORCE,
  isTransitional,
  sameAnswers,
} from '../../../electron/core/classification/classify';
import type { Site } from '../../../electron/core/sites/site-schema';

function answers(a: Partial<ClassificationAnswers>): ClassificationAnswers {
  return { hasRemoteMonitoring: false, hasControlSystem: false, hasGeneration: null, sellsSurplus: null, ...a };
}

function site(overrides: Partial<Site> = {}): Site {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Site',
    address: '',
    ownerName: '',
    contractorName: '',
    region: 'kanto',
    receivingVoltageV: 6600,
    generationCapacityKw: null,
    gridConnected: false,
    reversePowerFlow: false,
    hasRemoteMonitoring: false,
    hasControlSystem: false,
    installationType: 'new',
    lastSystemChangeDate: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    archivedAt: null,
    ...overrides,
  };
}

const reason = (name: string) => ({ key: `classification.reason.${name}` });

describe('classify', () => {
  const cases: [string, Partial<ClassificationAnswers>, ClassificationOutcome][] = [
    [
      'neither system → out of scope',
      { hasRemoteMonitoring: false, hasControlSystem: false },
      { result: 'out_of_scope', reasons: [reason('noSystems')] },
    ],
    [
      'neither system, even with generation selling surplus → out of scope',
      { hasRemoteMonitoring: false, hasControlSystem: false, hasGeneration: true, sellsSurplus: true },
      { result: 'out_of_scope', reasons: [reason('noSystems')] },
    ],
    [
      'control system + generation selling surplus → A',
      { hasControlSystem: true, hasGeneration: true, sellsSurplus: true },
      { result: 'A', reasons: [reason('hasControlSystem'), reason('sellsSurplus')] },
    ],
    [
      'monitoring + generation selling surplus → A',
      { hasRemoteMonitoring: true, hasGeneration: true, sellsSurplus: true },
      { result: 'A', reasons: [reason('hasRemoteMonitoring'), reason('sellsSurplus')] },
    ],
    [
      'both systems + generation selling surplus → A',
      { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true },
      { result: 'A', reasons: [reason('hasBothSystems'), reason('sellsSurplus')] },
    ],
    [
      'monitoring + generation for self-consumption → B',
      { hasRemoteMonitoring: true, hasGeneration: true, sellsSurplus: false },
      { result: 'B', reasons: [reason('hasRemoteMonitoring'), reason('selfConsumption')] },
    ],
    [
      'control system + generation for self-consumption → B',
      { hasControlSystem: true, hasGeneration: true, sellsSurplus: false },
      { result: 'B', reasons: [reason('hasControlSystem'), reason('selfConsumption')] },
    ],
    [
      'both systems + generation for self-consumption → B',
      { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: false },
      { result: 'B', reasons: [reason('hasBothSystems'), reason('selfConsumption')] },
    ],
    [
      'both systems, no generation → C',
      { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: false },
      { result: 'C', reasons: [reason('hasBothSystems'), reason('noGeneration')] },
    ],
    [
      'monitoring only, no generation → C',
      { hasRemoteMonitoring: true, hasGeneration: false },
      { result: 'C', reasons: [reason('hasRemoteMonitoring'), reason('noGeneration')] },
    ],
    [
      'control only, no generation → C',
      { hasControlSystem: true, hasGeneration: false },
      { result: 'C', reasons: [reason('hasControlSystem'), reason('noGeneration')] },
    ],
  ];

  it.each(cases)('%s', (_label, given, expected) => {
    // Through the schema first: these are answers the wizard can actually send.
    const parsed = classificationAnswersSchema.parse(answers(given));
    expect(classify(parsed)).toEqual(expected);
  });
});

describe('classificationAnswersSchema', () => {
  it('requires hasGeneration once a system is present', () => {
    const r = classificationAnswersSchema.safeParse({ hasRemoteMonitoring: true, hasControlSystem: false });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['hasGeneration', 'errors.field.required'],
    ]);
  });

  it('requires sellsSurplus when there is generation', () => {
    const r = classificationAnswersSchema.safeParse({ hasRemoteMonitoring: false, hasControlSystem: true, hasGeneration: true });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['sellsSurplus', 'errors.field.required'],
    ]);
  });

  it('refuses selling surplus without generation', () => {
    const r = classificationAnswersSchema.safeParse({
      hasRemoteMonitoring: true,
      hasControlSystem: false,
      hasGeneration: false,
      sellsSurplus: true,
    });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['sellsSurplus', 'errors.field.surplusNeedsGeneration'],
    ]);
  });

  it('does not ask the generation questions of an out-of-scope site', () => {
    expect(classificationAnswersSchema.parse({ hasRemoteMonitoring: false, hasControlSystem: false })).toEqual({
      hasRemoteMonitoring: false,
      hasControlSystem: false,
      hasGeneration: null,
      sellsSurplus: null,
    });
  });
});

describe('answersFromSite', () => {
  const cases: [string, Partial<Site>, ClassificationAnswers][] = [
    [
      'no systems: generation questions left unanswered',
      { generationCapacityKw: 500, gridConnected: true, reversePowerFlow: true },
      { hasRemoteMonitoring: false, hasControlSystem: false, hasGeneration: null, sellsSurplus: null },
    ],
    [
      'monitoring, grid-connected with reverse flow: sells surplus',
      { hasRemoteMonitoring: true, generationCapacityKw: 500, gridConnected: true, reversePowerFlow: true },
      { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: true },
    ],
    [
      'control, grid-connected without reverse flow: self-consumption',
      { hasControlSystem: true, generationCapacityKw: 500, gridConnected: true, reversePowerFlow: false },
      { hasRemoteMonitoring: false, hasControlSystem: true, hasGeneration: true, sellsSurplus: false },
    ],
    [
      'monitoring with generation, not grid-connected: self-consumption',
      { hasRemoteMonitoring: true, generationCapacityKw: 50, gridConnected: false, reversePowerFlow: false },
      { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: false },
    ],
    [
      'both systems, capacity null: no generation',
      { hasRemoteMonitoring: true, hasControlSystem: true, generationCapacityKw: null },
      { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: false, sellsSurplus: null },
    ],
    [
      'monitoring, capacity 0: no generation',
      { hasRemoteMonitoring: true, generationCapacityKw: 0, gridConnected: true },
      { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: false, sellsSurplus: null },
    ],
  ];

  it.each(cases)('%s', (_label, facts, expected) => {
    const derived = answersFromSite(site(facts));
    expect(derived).toEqual(expected);
    // What the wizard starts from must itself be a valid answer set.
    expect(classificationAnswersSchema.safeParse(derived).success).toBe(true);
  });
});

describe('isTransitional', () => {
  it('pins the date the guideline came into force', () => {
    expect(GUIDELINE_IN_FORCE).toBe('2022-10-01');
  });

  const cases: [string, Partial<Site>, boolean][] = [
    ['existing, never changed', { installationType: 'existing', lastSystemChangeDate: null }, true],
    ['existing, changed before the guideline', { installationType: 'existing', lastSystemChangeDate: '2022-09-30' }, true],
    ['existing, changed on the day it came into force', { installationType: 'existing', lastSystemChangeDate: '2022-10-01' }, false],
    ['existing, changed after', { installationType: 'existing', lastSystemChangeDate: '2024-06-15' }, false],
    ['new', { installationType: 'new', lastSystemChangeDate: null }, false],
  ];

  it.each(cases)('%s → %s', (_label, facts, expected) => {
    expect(isTransitional(site(facts))).toBe(expected);
  });
});

describe('sameAnswers', () => {
  const base = answers({ hasRemoteMonitoring: true, hasGeneration: true, sellsSurplus: false });

  it('is true for equal answers and false when any one differs', () => {
    expect(sameAnswers(base, { ...base })).toBe(true);
    expect(sameAnswers(base, { ...base, hasRemoteMonitoring: false })).toBe(false);
    expect(sameAnswers(base, { ...base, hasControlSystem: true })).toBe(false);
    expect(sameAnswers(base, { ...base, hasGeneration: false })).toBe(false);
    expect(sameAnswers(base, { ...base, sellsSurplus: null })).toBe(false);
  });
});
