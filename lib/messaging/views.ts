import type {
  Connection,
  ConnectionEnd,
  ConnectionRole,
  ConnectionStatus,
  RecordKey,
  RoleCategory,
  SyncStatus,
} from '../model';

/** What a list shows of a role: enough to name and group it. */
export interface RoleSummary {
  id: string;
  name: string;
  category: RoleCategory;
  active: boolean;
  /** The role no longer exists (deleted on another replica before sync cleared it). */
  missing?: boolean;
}

/** A connection seen from one of its records. */
export interface ConnectionView {
  id: string;
  /** True when the record asked about is the connection's source. */
  isSource: boolean;
  other: ConnectionEnd;
  /** The other record's role ("as Account Manager"). */
  otherRole: RoleSummary | null;
  /** The asked-about record's role. */
  thisRole: RoleSummary | null;
  description: string;
  owner: string;
  effectiveStart: string | null;
  effectiveEnd: string | null;
  status: ConnectionStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A role with how many connections use it. */
export interface RoleView extends ConnectionRole {
  usage: number;
}

/** What changed, pushed on the change feed; UIs re-query what concerns them. */
export interface Change {
  /** Records whose connections or names changed. */
  records?: RecordKey[];
  /** Roles changed (ids), which can rename roles shown anywhere. */
  roles?: string[];
  settings?: boolean;
  /** Everything may have changed (import, sync catch-up, reconnection): refresh all. */
  all?: boolean;
  /** Team sync's status changed (state, progress, pending changes). */
  sync?: SyncStatus;
  /** The record this tab shows changed (to the tab's frames only). */
  page?: true;
  /** A content script's count may have changed (all it is told: no keys, no names). */
  recount?: true;
  /** Progress of a long task (an import), for its progress bar. */
  progress?: { task: 'import'; id: string; done: number; total: number };
}

export type { Connection };
