export type AuditValue = string | number | boolean | null;

export interface AuditChange {
  field: string;
  old: AuditValue;
  new: AuditValue;
}

export interface AuditEntry {
  id: string;
  siteId: string | null;
  /** What kind of record: `site`, `classification`, `assessment-item`, `device`, `medium`… */
  entity: string;
  entityId: string;
  /** `create`, `update`, `archive`, `restore`, `classify`… */
  action: string;
  changes: AuditChange[];
  userName: string;
  at: string;
}
