import Papa from 'papaparse';
import type { Backup } from '../model/backup';

/** The CSV columns of a connections export: both ends, both roles, and the connection itself. */
const COLUMNS = [
  'From name',
  'From CRM',
  'From type',
  'From id',
  'From URL',
  'From role',
  'To name',
  'To CRM',
  'To type',
  'To id',
  'To URL',
  'To role (as this role)',
  'Description',
  'Starting',
  'Ending',
  'Status',
  'Owner',
  'Created',
  'Created by',
  'Updated',
  'Updated by',
];

/** One row per connection, role names resolved from the backup's roles (RFC 4180, by papaparse). */
export function connectionsCsv(backup: Pick<Backup, 'roles' | 'connections'>): string {
  const roleName = new Map(backup.roles.map((r) => [r.id, r.name]));
  const role = (id: string | null) => (id ? (roleName.get(id) ?? id) : '');
  const rows = backup.connections.map((c) => [
    c.from.name,
    c.from.crm,
    c.from.entityType,
    c.from.recordId,
    c.from.url,
    role(c.fromRoleId),
    c.to.name,
    c.to.crm,
    c.to.entityType,
    c.to.recordId,
    c.to.url,
    role(c.toRoleId),
    c.description,
    c.effectiveStart ?? '',
    c.effectiveEnd ?? '',
    c.status,
    c.owner,
    c.createdAt,
    c.createdBy,
    c.updatedAt,
    c.updatedBy,
  ]);
  // Spreadsheets run cells that start with = + - @ as formulas: quote them as text.
  const safe = rows.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
  return Papa.unparse({ fields: COLUMNS, data: safe });
}
