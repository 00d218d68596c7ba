export * from './channel-names';
export * from './contract';
export * from './envelope';
export type * from './results';
// The triage screen's choices, so the renderer need not reach into core.
export { NOT_AFFECTED_REASONS, TRIAGE_STATUSES } from '../../core/advisories/advisory-types';
export { TRIAGE_FILTERS } from '../../core/advisories/triage-schema';
export { ADVISORY_SELECTIONS } from '../../core/bundle/bundle-types';
