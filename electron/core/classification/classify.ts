import type { Site } from '../sites/site-schema';
import type {
  ClassificationAnswers,
  ClassificationOutcome,
  ClassificationReason,
} from './classification-schema';

/** 自家用GL in force from 2022-10-01; facilities from before follow the old rules until their first change works. */
export const GUIDELINE_IN_FORCE = '2022-10-01';

/**
 * The deck's flow (guideline-items.md, 区分):
 * no monitoring/control system → out of scope; else generation selling
 * surplus through the grid → A; generation for self-consumption → B; no generation → C.
 */
export function classify(a: ClassificationAnswers): ClassificationOutcome {
  const reasons: ClassificationReason[] = [];
  if (!a.hasRemoteMonitoring && !a.hasControlSystem) {
    return { result: 'out_of_scope', reasons: [{ key: 'classification.reason.noSystems' }] };
  }
  if (a.hasRemoteMonitoring && a.hasControlSystem) reasons.push({ key: 'classification.reason.hasBothSystems' });
  else if (a.hasRemoteMonitoring) reasons.push({ key: 'classification.reason.hasRemoteMonitoring' });
  else reasons.push({ key: 'classification.reason.hasControlSystem' });

  if (!a.hasGeneration) {
    reasons.push({ key: 'classification.reason.noGeneration' });
    return { result: 'C', reasons };
  }
  if (a.sellsSurplus) {
    reasons.push({ key: 'classification.reason.sellsSurplus' });
    return { result: 'A', reasons };
  }
  reasons.push({ key: 'classification.reason.selfConsumption' });
  return { result: 'B', reasons };
}

/** The answers the site's recorded facts imply; the wizard starts from these. */
export function answersFromSite(site: Site): ClassificationAnswers {
  const inScope = site.hasRemoteMonitoring || site.hasControlSystem;
  const hasGeneration = (site.generationCapacityKw ?? 0) > 0;
  return {
    hasRemoteMonitoring: site.hasRemoteMonitoring,
    hasControlSystem: site.hasControlSystem,
    hasGeneration: inScope ? hasGeneration : null,
    sellsSurplus: inScope && hasGeneration ? site.gridConnected && site.reversePowerFlow : null,
  };
}

export function isTransitional(site: Site): boolean {
  if (site.installationType !== 'existing') return false;
  return site.lastSystemChangeDate === null || site.lastSystemChangeDate < GUIDELINE_IN_FORCE;
}

export function sameAnswers(a: ClassificationAnswers, b: ClassificationAnswers): boolean {
  return (
    a.hasRemoteMonitoring === b.hasRemoteMonitoring &&
    a.hasControlSystem === b.hasControlSystem &&
    a.hasGeneration === b.hasGeneration &&
    a.sellsSurplus === b.sellsSurplus
  );
}
