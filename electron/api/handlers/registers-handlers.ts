import { moveParty, removeParty, saveContactSteps, saveParty } from '../../core/registers/organisation';
import { orgChartSvg } from '../../core/registers/org-chart';
import type { Core } from '../../core/core';
import { movePoint, removePoint, savePoint } from '../../core/registers/connection-points';
import { attachDefenceEvidence, detachDefenceEvidence } from '../../core/registers/defence-evidence';
import { setNetworkZone } from '../../core/registers/network-zone-writer';
import { siteNetworkDiagramSvg } from '../../core/registers/network-diagram';
import { siteRegisters } from '../../core/registers/register-read';
import { actingUser } from '../../core/settings/acting-user';
import { dayIn } from '../../core/time/time-zone';
import { getTimeZone } from '../../core/settings/settings-repository';
import type { registersContract } from '../contract/registers-channels';
import type { Handlers } from './handler-types';

/** Every channel of the registers' contract (registers-channels.ts). */
export type RegistersChannel = keyof typeof registersContract;

const registersOf = (core: Core, siteId: string) => siteRegisters(core.db, core.resourcesDir, siteId, dayIn(core.now(), getTimeZone(core.db)));

export const registersHandlers: Handlers<RegistersChannel> = {
  'registers:get': (core, { siteId }) => registersOf(core, siteId),
  'registers:diagram': async (core, { siteId, language }) => ({ svg: await siteNetworkDiagramSvg(core.db, core.resourcesDir, siteId, language) }),
  'registers:saveParty': (core, input) => saveParty(core.db, input, actingUser(core), core.now()),
  'registers:removeParty': (core, { siteId, id }) => {
    removeParty(core.db, siteId, id, actingUser(core), core.now());
    return { done: true };
  },
  'registers:moveParty': (core, { siteId, id, position }) => moveParty(core.db, siteId, id, position, actingUser(core), core.now()),
  'registers:saveContacts': (core, input) => saveContactSteps(core.db, input, actingUser(core), core.now()),
  'registers:orgChart': (core, { siteId, language }) => ({ svg: orgChartSvg(registersOf(core, siteId), language) }),
  'registers:savePoint': (core, input) => savePoint(core.db, input, actingUser(core), core.now()),
  'registers:removePoint': (core, input) => removePoint(core.db, input, actingUser(core), core.now()),
  'registers:movePoint': (core, input) => movePoint(core.db, input, actingUser(core), core.now()),
  'registers:attachDefenceEvidence': (core, input) => attachDefenceEvidence(core.db, input, actingUser(core), core.now()),
  'registers:detachDefenceEvidence': (core, input) => detachDefenceEvidence(core.db, input, actingUser(core), core.now()),
  'registers:setNetworkZone': (core, input) => {
    setNetworkZone(core.db, input, actingUser(core), core.now());
    return registersOf(core, input.siteId);
  },
};
