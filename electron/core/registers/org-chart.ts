import type { LocaleId } from '../../../renderer/locales';
import type { SiteRegisters } from './register-types';

// PLACEHOLDER (issue 14, helper "org"): the 体制図 as a self-contained SVG.
export function orgChartSvg(registers: SiteRegisters, locale: LocaleId): string {
  void registers;
  void locale;
  throw new Error('orgChartSvg: not built yet (issue 14, helper org)');
}
