import { siteRegisters } from '../../core/registers/register-read';
import { dayIn } from '../../core/time/time-zone';
import { getTimeZone } from '../../core/settings/settings-repository';
import type { Handlers } from './handler-types';

export type RegistersChannel = 'registers:get';

export const registersHandlers: Handlers<RegistersChannel> = {
  'registers:get': (core, { siteId }) => siteRegisters(core.db, core.resourcesDir, siteId, dayIn(core.now(), getTimeZone(core.db))),
};
