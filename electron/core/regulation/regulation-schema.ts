import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId, isoDate } from '../validation';

export const provisionDraftSchema = z
  .object({
    siteId: entityId,
    /** 対策の実施に係る責任者, e.g. the 電気主任技術者 or the owner's manager. */
    responsible: singleLine(100).default(''),
  })
  .strict();

export const provisionSaveSchema = z
  .object({
    siteId: entityId,
    text: multiLine(20_000, 1),
    responsible: singleLine(100).default(''),
    /** When the 保安規程 (or its 変更届) with this article took effect; empty while still a draft. */
    adoptedOn: isoDate.nullable().default(null),
  })
  .strict();

export interface Provision {
  id: string;
  siteId: string;
  text: string;
  responsible: string;
  adoptedOn: string | null;
  savedAt: string;
  savedBy: string;
}

export interface ProvisionDraft {
  text: string;
  /** The items in force that the draft names: 勧告 items for 区分A. */
  kankokuItems: string[];
}
