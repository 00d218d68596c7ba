import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import type { HoanError } from '../errors';
import { describeSource } from './definitions-records';
import type { DefinitionsSource } from './definitions-types';

/**
 * A refused import in the audit log (entity `definitions-set`, id `refused`):
 * what was offered, from where, and why it was refused, so a refusal is as
 * visible afterwards as an import. Written in its own transaction, after
 * nothing else was.
 */
export function auditRefusal(core: Core, err: HoanError, offered: { field: string; value: string | null }[], source: DefinitionsSource, userName: string): void {
  try {
    writeTransaction(core.db, () =>
      recordAudit(core.db, {
        siteId: null,
        entity: 'definitions-set',
        entityId: 'refused',
        action: 'import_refused',
        changes: [
          ...offered.map((o) => ({ field: o.field, old: null, new: o.value })),
          { field: 'source', old: null, new: describeSource(source) },
          { field: 'refusal', old: null, new: `${err.messageKey} ${JSON.stringify(err.params ?? {})}` },
        ],
        userName,
        at: core.now(),
      }),
    );
  } catch {
    // A full disk may refuse this entry too; the refusal itself still reaches the user.
  }
}
