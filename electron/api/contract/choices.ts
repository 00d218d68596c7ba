// The contract's fixed choices and shapes that need no schema library: a
// renderer module that imports only these (the sites list's glance cells)
// does not pull zod and every channel's schema into the first chunk.
// The triage screen's choices, so the renderer need not reach into core.
export { NOT_AFFECTED_REASONS, TRIAGE_STATUSES } from '../../core/advisories/advisory-types';
export { ADVISORY_SELECTIONS } from '../../core/bundle/bundle-types';
// The registers' choices and shapes (issue 14).
export { DEFENCE_KINDS, INSIDE_ZONES, POINT_MEDIA, PARTY_ROLES, POINT_KINDS, REGISTER_ITEMS, REGISTER_NAMES, RESPONSIBILITIES, ZONES } from '../../core/registers/register-types';
export type * from '../../core/registers/register-types';
// Which register backs a checklist item and what it lacks for 実施済 (the item's evidence warns with the same rule the save applies).
export { registerGaps, registerOfItem, type RegisterGap } from '../../core/registers/register-gaps';
