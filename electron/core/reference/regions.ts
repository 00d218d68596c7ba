import fs from 'node:fs';
import { z } from 'zod';
import { resourceFile } from '../resources';
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

const loaded = new Map<string, readonly Region[]>();

/**
 * The regions table in resources/reference/regions.json, read once per
 * resources folder. The renderer asks for it as it starts, so a broken file
 * shows at start, not mid-inspection.
 */
export function regions(resourcesDir: string): readonly Region[] {
  let found = loaded.get(resourcesDir);
  if (!found) {
    found = regionsFile.parse(JSON.parse(fs.readFileSync(resourceFile(resourcesDir, 'regions'), 'utf8'))).regions;
    loaded.set(resourcesDir, found);
  }
  return found;
}

export function regionById(resourcesDir: string, id: RegionId): Region {
  const found = regions(resourcesDir).find((r) => r.id === id);
  if (!found) throw new Error(`unknown region ${id}`);
  return found;
}
