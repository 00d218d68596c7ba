import type { LocaleId } from '../../../renderer/locales';
import type { SiteRegisters, ZonedDevice } from './register-types';

export interface NetworkDiagramInput {
  registers: SiteRegisters;
  devices: readonly ZonedDevice[];
}

// PLACEHOLDER (issue 14, helper "diagram"): the network diagram as a
// self-contained SVG (zones 外部/監視/制御/事業場LAN, devices inside, points on
// zone edges coloured by whether each has a defence).
export async function networkDiagramSvg(input: NetworkDiagramInput, locale: LocaleId): Promise<string> {
  void input;
  void locale;
  throw new Error('networkDiagramSvg: not built yet (issue 14, helper diagram)');
}
