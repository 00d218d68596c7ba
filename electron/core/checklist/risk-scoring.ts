import type { RiskLevel } from './risk-schema';
import type { SiteFacts } from './round-repository';

/** 特別高圧: receiving above 7,000 V. */
const EXTRA_HIGH_VOLTAGE_V = 7000;
/** Generation from 2,000 kW: large enough that losing it is felt beyond the site. */
const LARGE_GENERATION_KW = 2000;

/**
 * The deck: "even within one 区分, output, voltage and setting differ:
 * measures should weigh social impact". Each of 区分A, large generation and
 * 特別高圧 receiving adds a quarter to the impact.
 */
export function impactWeight(classification: 'A' | 'B' | 'C', facts: SiteFacts): number {
  let weight = 1;
  if (classification === 'A') weight += 0.25;
  if ((facts.generationCapacityKw ?? 0) >= LARGE_GENERATION_KW) weight += 0.25;
  if ((facts.receivingVoltageV ?? 0) > EXTRA_HIGH_VOLTAGE_V) weight += 0.25;
  return weight;
}

export function scoreRisk(likelihood: number, impact: number, weight: number): { weightedImpact: number; score: number; level: RiskLevel } {
  const weightedImpact = Math.round(impact * weight * 100) / 100;
  const score = Math.round(likelihood * weightedImpact * 100) / 100;
  const level: RiskLevel = score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low';
  return { weightedImpact, score, level };
}
