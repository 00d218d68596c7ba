import { recordClassification } from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { openCore, type Core } from '../../../electron/core/core';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema, type SiteFieldsInput } from '../../../electron/core/sites/site-schema';
import { createRound } from '../../../electron/core/checklist/round-repository';
import { decisionSchema, type DecisionInput } from '../../../electron/core/checklist/assessment-schema';
import { siteInput } from '../helpers/site-input';

export const T0 = new Date('2025-04-01T00:00:00.000Z');

export const ANSWERS = {
  A: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true },
  B: { hasRemoteMonitoring: true, hasControlSystem: false, hasGeneration: true, sellsSurplus: false },
  C: { hasRemoteMonitoring: false, hasControlSystem: true, hasGeneration: false, sellsSurplus: null },
  out: { hasRemoteMonitoring: false, hasControlSystem: false, hasGeneration: null, sellsSurplus: null },
} as const;

export function openTestCore(dataDir: string, now: () => Date = () => T0): Core {
  return openCore({ dataDir, now });
}

/** A site classified as given, and a fresh round on it. */
export function siteWithRound(core: Core, cls: keyof typeof ANSWERS = 'A', site: Partial<SiteFieldsInput> = {}) {
  const created = createSite(core.db, siteFieldsSchema.parse(siteInput(site)), core.now(), '山田');
  recordClassification(core.db, created.id, classificationAnswersSchema.parse(ANSWERS[cls]), '山田', core.now());
  if (cls === 'out') return { site: created, round: undefined };
  const round = createRound(core.db, { siteId: created.id, title: '2025年度 年次点検', framework: 'jikayo-gl', carryOverFrom: null }, '山田', core.now());
  return { site: created, round };
}

export const decision = (input: Partial<DecisionInput>) => decisionSchema.parse({ status: null, necessity: null, ...input });
