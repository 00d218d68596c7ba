import { draftProvision } from '../../core/regulation/provision-draft';
import { listProvisions, saveProvision } from '../../core/regulation/provision-repository';
import { actingUser } from '../../core/settings/acting-user';
import type { Handlers } from './handler-types';

export const regulationHandlers: Handlers<'regulation:draft' | 'regulation:save' | 'regulation:list'> = {
  'regulation:draft': (core, { siteId, responsible }) => draftProvision(core.db, siteId, responsible),
  'regulation:save': (core, input) => saveProvision(core.db, input, actingUser(core), core.now()),
  'regulation:list': (core, { siteId }) => listProvisions(core.db, siteId),
};
