import { siteNetworkDiagramSvg } from '../../core/registers/network-diagram';
import { siteRegisters } from '../../core/registers/register-read';
import { dayIn } from '../../core/time/time-zone';
import { getTimeZone } from '../../core/settings/settings-repository';
import type { Handlers } from './handler-types';

export type RegistersChannel = 'registers:get' | 'registers:diagram';

export const registersHandlers: Handlers<RegistersChannel> = {
  'registers:get': (core, { siteId }) => siteRegisters(core.db, core.resourcesDir, siteId, dayIn(core.now(), getTimeZone(core.db))),
  'registers:diagram': async (core, { siteId, language }) => ({ svg: await siteNetworkDiagramSvg(core.db, core.resourcesDir, siteId, language) }),
};
