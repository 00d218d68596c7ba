import { definitionsStatus } from '../../core/definitions/definitions-status';
import { importDefinitions, rollbackDefinitions } from '../../core/definitions/definitions-store';
import { actingUser } from '../../core/settings/acting-user';
import type { Handlers } from './handler-types';

type DefinitionsChannel = Extract<keyof Handlers, `definitions:${string}`>;

export const definitionsHandlers: Handlers<DefinitionsChannel> = {
  'definitions:status': (core) => definitionsStatus(core),
  'definitions:import': (core, { paths, acceptUnsignedReason }) =>
    importDefinitions(core, { paths, ...(acceptUnsignedReason ? { acceptUnsigned: { reason: acceptUnsignedReason } } : {}) }, actingUser(core)),
  'definitions:rollback': (core) => rollbackDefinitions(core, actingUser(core)),
};
