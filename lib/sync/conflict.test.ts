import { describe, expect, it } from 'vitest';
import { canonicalJson, remoteWins } from './conflict';
import { parseRemote, roleBody, tombstoneBody, type RemoteBody } from './remote-doc';
import { backoffMs } from './memo';

/** The receiving clock: documents' times are judged against it. */
const NOW = '2026-01-01T12:00:00.000Z';

const body = (updatedAt: string, extra: object = {}): RemoteBody => ({
  type: 'connection',
  schema: 1,
  updatedAt,
  ...extra,
});

describe('the conflict rule', () => {
  it('the later change wins, whichever side holds it', () => {
    expect(remoteWins(body('2026-01-02T00:00:00Z'), body('2026-01-01T00:00:00Z'))).toBe(true);
    expect(remoteWins(body('2026-01-01T00:00:00Z'), body('2026-01-02T00:00:00Z'))).toBe(false);
  });

  it('a deletion is weighed by its time like an edit', () => {
    const del = tombstoneBody('connection', '2026-01-03T00:00:00Z');
    expect(remoteWins(del, body('2026-01-02T00:00:00Z'))).toBe(true);
    expect(remoteWins(body('2026-01-04T00:00:00Z'), del)).toBe(true);
  });

  it('equal times are broken by the bodies, the same way on both sides', () => {
    const x = body('2026-01-01T00:00:00Z', { description: 'x' });
    const y = body('2026-01-01T00:00:00Z', { description: 'y' });
    expect(remoteWins(x, y)).not.toBe(remoteWins(y, x));
    expect(remoteWins(x, x)).toBe(false);
  });

  it('a plain CouchDB delete by another client always wins', () => {
    expect(remoteWins(null, body('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 0, f: 1 }], d: 2 }, b: 1 }),
    );
  });
});

describe('server documents', () => {
  it('ignores documents that are not ours', () => {
    expect(parseRemote({ _id: '_design/x' }, NOW)).toBeNull();
    expect(parseRemote({ _id: 'note:1' }, NOW)).toBeNull();
  });

  it('refuses a wrong type, a missing or newer schema, a deletion without time', () => {
    const refused = (doc: object) => parseRemote({ _id: 'role:r1', _rev: '1-a', ...doc }, NOW);
    expect(refused({ type: 'connection', schema: 1 })).toMatchObject({ ok: false, reason: /type must be "role"/ });
    expect(refused({ type: 'role' })).toMatchObject({ ok: false, reason: /schema/ });
    expect(refused({ type: 'role', schema: 2 })).toMatchObject({ ok: false, reason: /newer version/ });
    expect(refused({ type: 'role', schema: 1, deleted: true })).toMatchObject({ ok: false, reason: /updatedAt/ });
  });

  it('reads a role back as the model has it, derived fields recomputed', () => {
    const role = {
      id: 'r1',
      name: 'Advisor',
      nameKey: 'wrong',
      category: 'Business' as const,
      description: '',
      matchingRoleIds: [],
      appliesTo: [],
      active: true,
      builtIn: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const parsed = parseRemote({ _id: 'role:r1', _rev: '1-a', ...roleBody(role) }, NOW);
    expect(parsed).toMatchObject({ ok: true, kind: 'role', id: 'r1', value: { ...role, nameKey: 'advisor' } });
  });

  it('a CouchDB deletion arrives as a deletion with no body', () => {
    expect(parseRemote({ _id: 'connection:c1', _rev: '2-b', _deleted: true }, NOW)).toMatchObject({
      ok: true,
      kind: 'connection',
      id: 'c1',
      body: null,
      value: null,
    });
  });
});

describe('retry timing', () => {
  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffMs(1, 1)).toBe(1_000);
    expect(backoffMs(1, 0)).toBe(500);
    expect(backoffMs(4, 1)).toBe(8_000);
    expect(backoffMs(40, 1)).toBe(300_000);
  });
});
