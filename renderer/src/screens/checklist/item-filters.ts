import type { AssessmentItemView } from '../../../../electron/api/contract';

export const ITEM_FILTERS = ['all', 'unconsidered', 'nonconforming', 'overdue'] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];

export function isItemFilter(value: string | undefined): value is ItemFilter {
  return (ITEM_FILTERS as readonly string[]).includes(value ?? '');
}

export function filterItems(items: AssessmentItemView[], filter: ItemFilter): AssessmentItemView[] {
  switch (filter) {
    case 'all':
      return items;
    case 'unconsidered':
      return items.filter((i) => i.state === 'unconsidered');
    case 'nonconforming':
      return items.filter((i) => i.conformity === 'nonconforming');
    case 'overdue':
      return items.filter((i) => i.overdue);
  }
}
