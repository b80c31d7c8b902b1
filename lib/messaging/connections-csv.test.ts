import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { connectionsCsv } from './connections-csv';

const end = (name: string) => ({
  crm: 'hubspot',
  tenant: '1',
  entityType: 'contact',
  recordId: '7',
  name,
  url: 'https://app.hubspot.com/x',
});

describe('connections CSV', () => {
  it('has both ends and roles, quotes commas and quotes, and defuses formulas', () => {
    const csv = connectionsCsv({
      roles: [{ id: 'r1', name: 'Employee' } as never, { id: 'r2', name: 'Employer' } as never],
      connections: [
        {
          id: 'c1',
          from: end('Acme, "Inc."'),
          to: end('=HYPERLINK("x")'),
          fromRoleId: 'r2',
          toRoleId: 'r1',
          description: 'line one\nline two',
          owner: 'Dana',
          effectiveStart: '2026-01-01',
          effectiveEnd: null,
          status: 'active',
          createdAt: 't1',
          createdBy: 'a',
          updatedAt: 't2',
          updatedBy: 'b',
        },
      ],
    });
    const [header, row] = Papa.parse<string[]>(csv).data;
    expect(header![0]).toBe('From name');
    expect(row![0]).toBe('Acme, "Inc."');
    expect(row![5]).toBe('Employer');
    expect(row![6]).toBe(`'=HYPERLINK("x")`);
    expect(row![11]).toBe('Employee');
    expect(row![12]).toBe('line one\nline two');
  });
});
