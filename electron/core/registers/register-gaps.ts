import { REGISTER_ITEMS, type RegisterName, type SiteRegisters } from './register-types';

/**
 * What keeps a checklist item backed by a register (2-1, 2-2 ← 体制・役割;
 * 6-2-2, 6-2-3 ← 接続点台帳; 10-2, 10-3 ← 連絡体制) from being 実施済
 * (issue 14): its register is empty, or — 6-2-3 only — a connection point has
 * neither a defence nor a recorded reason for having none. The checklist
 * refuses to save 実施済 over a gap (decision-rules.ts); a decision already
 * 実施済 when a gap appears later stays as recorded, and the item's view
 * warns about it. Pure, so the renderer reads the same gaps from
 * `registers:get`.
 */

export type RegisterGap =
  | { kind: 'empty'; register: RegisterName }
  /** 6-2-3: the points with no defence and no `noDefenceReason`, by name, in the register's order. */
  | { kind: 'undefended'; points: string[] };

const ITEM_REGISTER = new Map<string, RegisterName>(
  (Object.entries(REGISTER_ITEMS) as [RegisterName, readonly string[]][]).flatMap(([register, items]) => items.map((item) => [item, register] as const)),
);

/** The register a checklist item is backed by, or null. */
export function registerOfItem(itemId: string): RegisterName | null {
  return ITEM_REGISTER.get(itemId) ?? null;
}

export type RegisterContents = Pick<SiteRegisters, 'parties' | 'contactSteps' | 'points'>;

export function registerGaps(itemId: string, registers: RegisterContents): RegisterGap[] {
  const register = registerOfItem(itemId);
  if (!register) return [];
  const empty =
    register === 'organisation' ? registers.parties.length === 0 : register === 'contacts' ? registers.contactSteps.length === 0 : registers.points.length === 0;
  if (empty) return [{ kind: 'empty', register }];
  if (itemId === '6-2-3') {
    const points = registers.points.filter((p) => p.defences.length === 0 && p.noDefenceReason.trim() === '').map((p) => p.name);
    if (points.length > 0) return [{ kind: 'undefended', points }];
  }
  return [];
}
