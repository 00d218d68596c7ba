import { z } from 'zod';
import type { PublisherKey } from '../../core/advisories/advisory-keys';
import type { AdvisoryListPage } from '../../core/advisories/advisory-list';
import { advisoryImportSchema, advisoryListSchema, publisherKeyRefSchema, publisherKeySchema } from '../../core/advisories/advisory-schema';
import type { AdvisoryImportReport } from '../../core/advisories/advisory-types';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

const none = z.object({}).strict();

/** CSAF advisories kept for the whole installation (issue 13): bringing them in, listing them, the publishers' keys. */
export const advisoriesContract = {
  'advisories:import': def(advisoryImportSchema).returns<AdvisoryImportReport>(),
  'advisories:list': def(advisoryListSchema).returns<AdvisoryListPage>(),
  'advisories:keysPreview': def(publisherKeySchema).returns<{ fingerprint: string; userIds: string[]; alreadyTrusted: boolean }>(),
  'advisories:keysAdd': def(publisherKeySchema).returns<PublisherKey>(),
  'advisories:keysList': def(none).returns<PublisherKey[]>(),
  'advisories:keysRemove': def(publisherKeyRefSchema).returns<PublisherKey>(),
};
