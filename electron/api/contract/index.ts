export * from './channel-names';
export * from './contract';
export * from './envelope';
export type * from './results';
export * from './choices';
export { TRIAGE_FILTERS } from '../../core/advisories/triage-schema';
export type { SavedPoint } from '../../core/registers/point-schema';
export type { PointInput } from '../../core/registers/register-schema';
