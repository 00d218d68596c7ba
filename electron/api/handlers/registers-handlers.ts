import { moveParty, removeParty, saveContactSteps, saveParty } from '../../core/registers/organisation';
import { orgChartSvg } from '../../core/registers/org-chart';
import { siteRegisters } from '../../core/registers/register-read';
import { actingUser } from '../../core/settings/acting-user';
import { dayIn } from '../../core/time/time-zone';
import { getTimeZone } from '../../core/settings/settings-repository';
import type { Handlers } from './handler-types';

export type RegistersChannel =
  | 'registers:get'
  | 'registers:saveParty'
  | 'registers:removeParty'
  | 'registers:moveParty'
  | 'registers:saveContacts'
  | 'registers:orgChart';

export const registersHandlers: Handlers<RegistersChannel> = {
  'registers:get': (core, { siteId }) => siteRegisters(core.db, core.resourcesDir, siteId, dayIn(core.now(), getTimeZone(core.db))),
  'registers:saveParty': (core, input) => saveParty(core.db, input, actingUser(core), core.now()),
  'registers:removeParty': (core, { siteId, id }) => {
    removeParty(core.db, siteId, id, actingUser(core), core.now());
    return { done: true };
  },
  'registers:moveParty': (core, { siteId, id, to }) => moveParty(core.db, siteId, id, to, actingUser(core), core.now()),
  'registers:saveContacts': (core, input) => saveContactSteps(core.db, input, actingUser(core), core.now()),
  'registers:orgChart': (core, { siteId, locale }) => ({ svg: orgChartSvg(siteRegisters(core.db, core.resourcesDir, siteId), locale) }),
};
