import { z } from 'zod';
import {
  checkInputSchema,
  commitInputSchema,
  deviceInputSchema,
  jobInputSchema,
  listInputSchema,
  previewInputSchema,
  siteInputSchema,
} from '../../core/inventory/inventory-schema';
import type * as I from '../../core/inventory/inventory-types';
import type { ChannelDef } from './contract';

function def<Input extends z.ZodType>(input: Input) {
  return { returns: <Result>(): ChannelDef<Input, Result> => ({ input }) };
}

/**
 * 8-2-1 device inventory. A file is uploaded first (POST ./upload/inventory),
 * then previewed by upload id in a worker thread: `preview` starts the job,
 * `progress` polls it, `cancel` stops it and forgets the file, `commit` writes it.
 */
export const inventoryContract = {
  'inventory:list': def(listInputSchema).returns<I.InventoryList>(),
  /** One device: every field, its extra columns, its history (imports, undo, checks). */
  'inventory:device': def(deviceInputSchema).returns<I.DeviceDetail>(),
  'inventory:locations': def(siteInputSchema).returns<I.LocationSummary[]>(),
  'inventory:profiles': def(z.object({}).strict()).returns<I.MappingProfile[]>(),
  'inventory:preview': def(previewInputSchema).returns<I.JobRef>(),
  'inventory:progress': def(jobInputSchema).returns<I.ImportJobStatus>(),
  'inventory:cancel': def(jobInputSchema).returns<I.ImportJobStatus>(),
  'inventory:commit': def(commitInputSchema).returns<I.CommitResult>(),
  'inventory:undo': def(siteInputSchema).returns<I.ImportBatch>(),
  'inventory:check': def(checkInputSchema).returns<I.DeviceCheck>(),
  'inventory:export': def(siteInputSchema).returns<I.InventoryExport>(),
};
