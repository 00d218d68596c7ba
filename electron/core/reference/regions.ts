import { z } from 'zod';
import data from '../../../resources/reference/regions.json';
import { REGION_IDS, type Region, type RegionId } from './region-types';

const regionsFile = z.object({
  source: z.string(),
  regions: z
    .array(
      z.object({
        id: z.enum(REGION_IDS),
        nameJa: z.string().min(1),
        nameEn: z.string().min(1),
        officeJa: z.string().min(1),
        officeEn: z.string().min(1),
        phone: z.string().regex(/^\d{2,4}-\d{2,4}-\d{4}$/),
      }),
    )
    .length(REGION_IDS.length),
});

// Parsed once at load: a broken reference file stops the app at start, not mid-inspection.
const parsed = regionsFile.parse(data);

export const regions: readonly Region[] = parsed.regions;

export function regionById(id: RegionId): Region {
  const found = regions.find((r) => r.id === id);
  if (!found) throw new Error(`unknown region ${id}`);
  return found;
}
