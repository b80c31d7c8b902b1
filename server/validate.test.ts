// The team's validate_doc_update function (validate.mjs) as a unit: evaluated on its own, as
// CouchDB does, and called with documents, old documents and users. Every shape case is also put
// to the extension's own check of a pulled document (parseRemote), so the server refuses all the
// extension refuses; where the server is stricter, the case says so. HTTP: team-rules.test.ts.
import vm from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { defaultRoleDocuments } from '../lib/model';
import { ConnectionDocSchema, RoleDocSchema } from '../lib/model/documents';
import { UrlSchema } from '../lib/model/fields';
import { connectionBody, parseRemote, roleBody, tombstoneBody, type RemoteDoc } from '../lib/sync/remote-doc';
import * as v from 'valibot';
import { AT, connectionDoc, roleDoc, tombstoneDoc } from './team-docs';
import { ROLE_ADMIN, ROLE_REFUSAL, VALIDATE_DOC_UPDATE, teamRulesDesignDoc } from './validate.mjs';

type Doc = Record<string, unknown>;
interface UserCtx {
  name: string | null;
  roles: string[];
}

const MEMBER: UserCtx = { name: 'alice', roles: [] };
const OTHER_MEMBER: UserCtx = { name: 'bob', roles: [] };
const ROLE_ADMIN_CTX: UserCtx = { name: 'rita', roles: [ROLE_ADMIN] };
const SERVER_ADMIN: UserCtx = { name: 'admin', roles: ['_admin'] };

// Evaluated in a fresh context, without Node's globals or this module's scope, as CouchDB's engine
// would see it.
const validate = vm.runInNewContext(`(${VALIDATE_DOC_UPDATE})`) as (
  newDoc: Doc,
  oldDoc: Doc | null,
  userCtx: UserCtx,
  secObj: Doc,
) => void;

/** 'ok', or the `forbidden` reason the function threw. Anything else it throws fails the test. */
function verdict(newDoc: Doc, oldDoc: Doc | null = null, userCtx: UserCtx = MEMBER): string {
  try {
    validate(structuredClone(newDoc), oldDoc && structuredClone(oldDoc), userCtx, {});
    return 'ok';
  } catch (err) {
    if (err && typeof err === 'object' && 'forbidden' in err && Object.keys(err).length === 1) {
      return String((err as { forbidden: unknown }).forbidden);
    }
    throw err;
  }
}

/** Whether the extension would take this document when it pulls it. */
const clientTakes = (doc: Doc) =>
  parseRemote({ _rev: '1-abc', ...doc } as RemoteDoc, new Date().toISOString())?.ok === true;

const long = (n: number) => 'x'.repeat(n);
const ahead = new Date(Date.now() + 25 * 60 * 60 * 1000).toISOString();

describe('validate_doc_update source', () => {
  it('is one ES5 function expression, so CouchDB’s JavaScript engines run it', () => {
    expect(VALIDATE_DOC_UPDATE.startsWith('function (newDoc, oldDoc, userCtx, secObj) {')).toBe(true);
    // ecmaVersion 5 refuses arrow functions, let/const, template strings, classes, spread…
    const program = parse(`(${VALIDATE_DOC_UPDATE})`, { ecmaVersion: 5 });
    expect(program.body).toHaveLength(1);
    expect(program.body[0]).toMatchObject({ type: 'ExpressionStatement', expression: { type: 'FunctionExpression' } });
    expect(() => parse('(function () { let x = 1; })', { ecmaVersion: 5 })).toThrow();
    expect(teamRulesDesignDoc()).toEqual({
      _id: '_design/team-rules',
      language: 'javascript',
      validate_doc_update: VALIDATE_DOC_UPDATE,
    });
  });
});

describe('validate_doc_update: what the extension writes', () => {
  it('accepts connections, roles and tombstones built by lib/sync/remote-doc.ts', () => {
    const connection = v.parse(ConnectionDocSchema, { ...connectionDoc('c1', 'alice'), id: 'c1' });
    const body = connectionBody(connection);
    expect(verdict({ _id: 'connection:c1', ...body })).toBe('ok');
    const tomb = connectionBody({ ...connection, deleted: true, updatedBy: 'alice' });
    expect(verdict({ _id: 'connection:c1', ...tomb }, { _id: 'connection:c1', ...body })).toBe('ok');
    expect(verdict({ _id: 'connection:c1', ...tombstoneBody('connection', AT, 'alice') })).toBe('ok');

    for (const role of defaultRoleDocuments(AT)) {
      expect(verdict({ _id: `role:${role.id}`, ...roleBody(role) }, null, ROLE_ADMIN_CTX), role.id).toBe('ok');
    }
    const custom = v.parse(RoleDocSchema, {
      ...roleDoc('r1', { appliesTo: ['account', 'hubspot:contact'] }),
      id: 'r1',
    });
    expect(verdict({ _id: 'role:r1', ...roleBody(custom) }, null, ROLE_ADMIN_CTX)).toBe('ok');
    expect(verdict({ _id: 'role:r1', ...tombstoneBody('role', AT) }, null, ROLE_ADMIN_CTX)).toBe('ok');
  });

  it('accepts the optional fields left out, and times with an offset or without seconds', () => {
    const { description: _d, owner: _o, effectiveStart: _s, effectiveEnd: _e, ...bare } = connectionDoc('c2', 'alice');
    expect(verdict(bare)).toBe('ok');
    expect(verdict(connectionDoc('c3', 'alice', { updatedAt: '2026-01-02T05:04+02:00' }))).toBe('ok');
    expect(verdict(connectionDoc('c4', 'alice', { effectiveStart: ' 2026-01-01 ', effectiveEnd: '' }))).toBe('ok');
    const { description: _rd, builtIn: _b, ...bareRole } = roleDoc('r2');
    expect(verdict(bareRole, null, ROLE_ADMIN_CTX)).toBe('ok');
  });
});

describe('validate_doc_update: shape', () => {
  it('wants _id "connection:<id>" or "role:<id>" with an id of 1–100 of [A-Za-z0-9_.:-]', () => {
    const doc = connectionDoc('c1', 'alice');
    expect(verdict({ ...doc, _id: 'c1' })).toBe('_id: must be "connection:<id>" or "role:<id>".');
    expect(verdict({ ...doc, _id: 'Connection:c1' })).toBe('_id: must be "connection:<id>" or "role:<id>".');
    const badId = '_id: the id after "connection:" must be 1-100 letters, digits, "-", "_", ":" or ".".';
    expect(verdict({ ...doc, _id: 'connection:' })).toBe(badId);
    expect(verdict({ ...doc, _id: 'connection:a b' })).toBe(badId);
    expect(verdict({ ...doc, _id: `connection:${long(101)}` })).toBe(badId);
    expect(verdict({ ...doc, _id: `connection:${long(100)}` })).toBe('ok');
    expect(verdict({ ...doc, _id: 'connection:a.b_c:d-E9' })).toBe('ok');
    // The extension ignores documents with other ids, and refuses the bad ids after a prefix.
    expect(clientTakes({ ...doc, _id: 'connection:a b' })).toBe(false);
  });

  it('leaves design documents to CouchDB’s own rule (and _local ones, which it never validates)', () => {
    expect(verdict({ _id: '_design/anything', views: {} })).toBe('ok');
    expect(verdict({ _id: '_local/checkpoint', x: 1 })).toBe('ok');
  });

  it('wants `type` to match the prefix and `schema` to be the number 1', () => {
    expect(verdict(connectionDoc('c1', 'alice', { type: 'role' }))).toBe(
      'type: must be "connection" for an id starting "connection:".',
    );
    expect(verdict(roleDoc('r1', { type: undefined }), null, ROLE_ADMIN_CTX)).toBe(
      'type: must be "role" for an id starting "role:".',
    );
    for (const schema of ['1', 2, 0, null]) {
      expect(verdict(connectionDoc('c1', 'alice', { schema })), String(schema)).toBe('schema: must be the number 1.');
    }
  });

  // [what, the change, the server's reason, whether the extension would still take it]
  const connectionCases: [string, (d: Doc) => Doc, string, boolean?][] = [
    [
      'from missing',
      ({ from: _f, ...d }) => d,
      'from: must be a record: {crm, tenant, entityType, recordId, name, url}.',
    ],
    [
      'from a list',
      (d) => ({ ...d, from: [] }),
      'from: must be a record: {crm, tenant, entityType, recordId, name, url}.',
    ],
    [
      'from.key',
      (d) => ({ ...d, from: { ...(d.from as Doc), key: 'k' } }),
      'from.key: is not a field of a record.',
      true,
    ],
    [
      'from.crm upper case',
      (d) => ({ ...d, from: { ...(d.from as Doc), crm: 'HubSpot' } }),
      'from.crm: must be an adapter id (a-z, 0-9, "-").',
    ],
    ['from.crm empty', (d) => ({ ...d, from: { ...(d.from as Doc), crm: ' ' } }), 'from.crm: is required.'],
    [
      'from.crm 41 long',
      (d) => ({ ...d, from: { ...(d.from as Doc), crm: 'a'.repeat(41) } }),
      'from.crm: is 41 characters long; the limit is 40.',
    ],
    [
      'to.tenant 513 long',
      (d) => ({ ...d, to: { ...(d.to as Doc), tenant: long(513) } }),
      'to.tenant: is 513 characters long; the limit is 512.',
    ],
    [
      'to.entityType missing',
      (d) => ({ ...d, to: { ...(d.to as Doc), entityType: undefined } }),
      'to.entityType: must be text.',
    ],
    ['to.recordId a number', (d) => ({ ...d, to: { ...(d.to as Doc), recordId: 7 } }), 'to.recordId: must be text.'],
    [
      'to.name 1001 long',
      (d) => ({ ...d, to: { ...(d.to as Doc), name: long(1001) } }),
      'to.name: is 1001 characters long; the limit is 1000.',
    ],
    [
      'to.url ftp',
      (d) => ({ ...d, to: { ...(d.to as Doc), url: 'ftp://example.com/' } }),
      'to.url: must be a complete http(s) address.',
    ],
    [
      'to.url no host',
      (d) => ({ ...d, to: { ...(d.to as Doc), url: 'https://' } }),
      'to.url: must be a complete http(s) address.',
    ],
    [
      'to.url 4097 long',
      (d) => ({ ...d, to: { ...(d.to as Doc), url: `https://x.example/${long(4079)}` } }),
      'to.url: is longer than 4096 characters.',
    ],
    ['to the same record', (d) => ({ ...d, to: d.from }), 'to: a record cannot be connected to itself.'],
    [
      'to the same Dynamics record under another type',
      (d) => ({
        ...d,
        from: { ...(d.from as Doc), crm: 'dynamics365', entityType: 'account', tenant: 'Org.crm.dynamics.com' },
        to: { ...(d.from as Doc), crm: 'dynamics365', entityType: 'contact', tenant: 'org.crm.dynamics.com' },
      }),
      'to: a record cannot be connected to itself.',
    ],
    ['fromRoleId missing', ({ fromRoleId: _r, ...d }) => d, 'fromRoleId: is required (a role id, or null).'],
    [
      'toRoleId not an id',
      (d) => ({ ...d, toRoleId: 'no spaces' }),
      'toRoleId: must be an id of 1-100 letters, digits, "-", "_", ":" or ".".',
    ],
    [
      'description 2001 long',
      (d) => ({ ...d, description: long(2001) }),
      'description: is 2001 characters long; the limit is 2000.',
    ],
    ['description null', (d) => ({ ...d, description: null }), 'description: must be text.'],
    ['owner 201 long', (d) => ({ ...d, owner: long(201) }), 'owner: is 201 characters long; the limit is 200.'],
    [
      'effectiveStart not a date',
      (d) => ({ ...d, effectiveStart: '2026-1-1' }),
      'effectiveStart: must be a real date written YYYY-MM-DD, or null.',
    ],
    [
      'effectiveStart Feb 30',
      (d) => ({ ...d, effectiveStart: '2026-02-30' }),
      'effectiveStart: must be a real date written YYYY-MM-DD, or null.',
    ],
    [
      'effectiveEnd a number',
      (d) => ({ ...d, effectiveEnd: 20260101 }),
      'effectiveEnd: must be a real date written YYYY-MM-DD, or null.',
    ],
    [
      'effectiveEnd before effectiveStart',
      (d) => ({ ...d, effectiveStart: '2026-02-02', effectiveEnd: '2026-02-01' }),
      'effectiveEnd: is before effectiveStart.',
    ],
    ['status', (d) => ({ ...d, status: 'deleted' }), 'status: must be "active" or "inactive".'],
    [
      'createdAt without zone',
      (d) => ({ ...d, createdAt: '2026-01-02T03:04:05' }),
      'createdAt: must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.',
    ],
    [
      'createdAt month 13',
      (d) => ({ ...d, createdAt: '2026-13-02T03:04:05Z' }),
      'createdAt: must be a real date and time.',
    ],
    [
      'updatedAt missing',
      ({ updatedAt: _u, ...d }) => d,
      'updatedAt: must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.',
    ],
    [
      'updatedAt over a day ahead',
      (d) => ({ ...d, updatedAt: ahead }),
      `updatedAt: timestamp ${ahead} is more than a day ahead of the server clock (`,
    ],
    [
      'createdBy 255 long',
      (d) => ({ ...d, createdBy: long(255) }),
      'createdBy: is 255 characters long; the limit is 254.',
    ],
    ['an unknown field', (d) => ({ ...d, id: 'c1' }), 'id: is not a field of a connection.', true],
    [
      'attachments',
      (d) => ({ ...d, _attachments: {} }),
      '_attachments: documents of this database carry no attachments.',
      true,
    ],
    ['deleted false', (d) => ({ ...d, deleted: false }), 'deleted: must be true (a deletion) or absent.', true],
  ];
  it.each(connectionCases)('refuses a connection with %s, naming the field', (_what, change, reason, clientToo) => {
    const doc = change(connectionDoc('c1', 'alice'));
    const got = verdict(doc);
    // A reason ending in "(" is the start of one that goes on with the server's time.
    expect(reason.endsWith('(') ? got.slice(0, reason.length) : got).toBe(reason);
    // The extension refuses the same documents; `true` marks the few only the server refuses.
    expect(clientTakes(doc)).toBe(clientToo ?? false);
  });

  const roleCases: [string, (d: Doc) => Doc, string, boolean?][] = [
    ['name empty', (d) => ({ ...d, name: '  ' }), 'name: is required.'],
    ['name 101 long', (d) => ({ ...d, name: long(101) }), 'name: is 101 characters long; the limit is 100.'],
    [
      'category in lower case',
      (d) => ({ ...d, category: 'business' }),
      'category: must be one of: Business, Family, Social, Sales, Service, Stakeholder, Sales Team, Other.',
    ],
    [
      'description 1001 long',
      (d) => ({ ...d, description: long(1001) }),
      'description: is 1001 characters long; the limit is 1000.',
    ],
    ['matchingRoleIds missing', ({ matchingRoleIds: _m, ...d }) => d, 'matchingRoleIds: must be a list of role ids.'],
    [
      '51 matchingRoleIds',
      (d) => ({ ...d, matchingRoleIds: Array.from({ length: 51 }, (_, i) => `r${i}`) }),
      'matchingRoleIds: may list at most 50 roles.',
    ],
    [
      'a matching role that is no id',
      (d) => ({ ...d, matchingRoleIds: ['ok', 'not ok'] }),
      'matchingRoleIds.1: must be an id of 1-100 letters, digits, "-", "_", ":" or ".".',
    ],
    ['appliesTo text', (d) => ({ ...d, appliesTo: 'account' }), 'appliesTo: must be a list of record types.'],
    [
      '101 appliesTo',
      (d) => ({ ...d, appliesTo: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
      'appliesTo: may list at most 100 record types.',
    ],
    ['an empty record type', (d) => ({ ...d, appliesTo: [''] }), 'appliesTo.0: is required.'],
    [
      'a record type 121 long',
      (d) => ({ ...d, appliesTo: [long(121)] }),
      'appliesTo.0: is 121 characters long; the limit is 120.',
    ],
    ['active missing', ({ active: _a, ...d }) => d, 'active: must be true or false.'],
    ['builtIn a number', (d) => ({ ...d, builtIn: 1 }), 'builtIn: must be true or false.'],
    [
      'updatedAt a number',
      (d) => ({ ...d, updatedAt: 1767322800000 }),
      'updatedAt: must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.',
    ],
    ['createdBy (roles have none)', (d) => ({ ...d, createdBy: 'rita' }), 'createdBy: is not a field of a role.', true],
  ];
  it.each(roleCases)('refuses a role with %s, naming the field', (_what, change, reason, clientToo) => {
    const doc = change(roleDoc('r1'));
    expect(verdict(doc, null, ROLE_ADMIN_CTX)).toBe(reason);
    expect(clientTakes(doc)).toBe(clientToo ?? false);
  });

  it('wants a tombstone to be {type, schema, deleted: true, updatedAt, updatedBy?} and nothing more', () => {
    expect(verdict(tombstoneDoc('connection', 'c1', 'alice'))).toBe('ok');
    expect(verdict({ ...tombstoneDoc('connection', 'c1', 'alice'), from: {} })).toBe(
      'from: is not a field of a connection tombstone.',
    );
    expect(verdict({ ...tombstoneDoc('role', 'r1'), name: 'x' }, null, ROLE_ADMIN_CTX)).toBe(
      'name: is not a field of a role tombstone.',
    );
    const { updatedAt: _u, ...noTime } = tombstoneDoc('connection', 'c1', 'alice');
    expect(verdict(noTime)).toBe('updatedAt: must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.');
    expect(clientTakes(noTime)).toBe(false);
    expect(verdict({ ...tombstoneDoc('connection', 'c1', 'alice'), updatedBy: 5 })).toBe(
      'updatedBy: must be text of at most 254 characters.',
    );
    expect(verdict({ ...tombstoneDoc('connection', 'c1'), deleted: 'yes' })).toBe(
      'deleted: must be true (a deletion) or absent.',
    );
  });

  it('holds server admins to the shape rules too', () => {
    expect(verdict(connectionDoc('c1', 'seed', { status: 'gone' }), null, SERVER_ADMIN)).toBe(
      'status: must be "active" or "inactive".',
    );
    expect(verdict({ _id: 'note', text: 'hi' }, null, SERVER_ADMIN)).toBe(
      '_id: must be "connection:<id>" or "role:<id>".',
    );
  });

  it('accepts every URL the extension accepts (and refuses what it refuses, but for a few malformed hosts)', () => {
    const urls = [
      'https://contoso.crm.dynamics.com/main.aspx?etn=account&id=1',
      'http://127.0.0.1:5173/x',
      'HTTPS://EXAMPLE.COM',
      '  https://example.com/trimmed  ',
      'http:example.com',
      'http:\\\\example.com\\path',
      'https://[::1]:8443/',
      'https://user:pw@example.com/',
      'https://example.com/a b',
      'https://exa\tmple.com/',
      'mailto:ann@example.com',
      'mailto:',
      'https://',
      'https:///path',
      'https://user@',
      'https://exa mple.com/',
      'ftp://example.com/',
      'javascript:alert(1)',
      'example.com',
      '',
    ];
    const withUrl = (url: string) => connectionDoc('c1', 'alice', { to: { ...connectionDoc('c1', 'alice').to, url } });
    for (const url of urls) expect(verdict(withUrl(url)) === 'ok', url).toBe(v.is(UrlSchema, url));
    // Hosts a full URL parser refuses that the server's simpler check lets through.
    for (const url of ['https://exa%20mple.com/', 'https://example.com:port/', 'https://exa<mple.com/']) {
      expect(verdict(withUrl(url)), url).toBe('ok');
      expect(v.is(UrlSchema, url), url).toBe(false);
    }
  });
});

describe('validate_doc_update: provenance of connections', () => {
  const made = connectionDoc('c1', 'alice');

  it('wants updatedBy to be the user who sends the change', () => {
    expect(verdict(connectionDoc('c1', 'alice', { updatedBy: 'bob' }))).toBe(
      'updatedBy: must be your user name, "alice".',
    );
    const { updatedBy: _u, ...none } = made;
    expect(verdict(none)).toBe('updatedBy: must be your user name, "alice".');
    expect(verdict(tombstoneDoc('connection', 'c1', 'bob'), made)).toBe('updatedBy: must be your user name, "alice".');
    expect(verdict(tombstoneDoc('connection', 'c1'), made)).toBe('updatedBy: must be your user name, "alice".');
  });

  it('wants createdBy to be the sender for a new connection, or one made again over a deletion', () => {
    const claimed = connectionDoc('c1', 'alice', { createdBy: 'bob' });
    const reason = 'createdBy: must be your user name, "alice", for a new connection.';
    expect(verdict(claimed)).toBe(reason);
    expect(verdict(claimed, { _id: 'connection:c1', _rev: '2-a', _deleted: true })).toBe(reason);
    expect(verdict(claimed, tombstoneDoc('connection', 'c1', 'bob'))).toBe(reason);
    expect(verdict(made, tombstoneDoc('connection', 'c1', 'bob'))).toBe('ok');
  });

  it('keeps createdBy as it was on an update, whoever changes the connection', () => {
    const bobsChange = connectionDoc('c1', 'alice', { updatedBy: 'bob', description: 'by Bob' });
    expect(verdict(bobsChange, made, OTHER_MEMBER)).toBe('ok');
    expect(verdict(connectionDoc('c1', 'bob'), made, OTHER_MEMBER)).toBe('createdBy: cannot change: it stays "alice".');
    const { createdBy: _c, ...dropped } = bobsChange;
    expect(verdict(dropped, made, OTHER_MEMBER)).toBe('createdBy: cannot change: it stays "alice".');
    // A connection stored without createdBy (by an admin, say) keeps having none.
    const { createdBy: _n, ...anonymous } = made;
    expect(verdict({ ...dropped }, anonymous, OTHER_MEMBER)).toBe('ok');
  });

  it('does not exempt role admins, and exempts server admins, who repair data', () => {
    expect(verdict(connectionDoc('c1', 'alice'), null, ROLE_ADMIN_CTX)).toBe(
      'updatedBy: must be your user name, "rita".',
    );
    expect(verdict(connectionDoc('c1', 'seed@example.com'), null, SERVER_ADMIN)).toBe('ok');
    expect(verdict(connectionDoc('c1', 'bob'), made, SERVER_ADMIN)).toBe('ok');
    expect(verdict(tombstoneDoc('connection', 'c1'), made, SERVER_ADMIN)).toBe('ok');
  });
});

describe('validate_doc_update: roles and deletions', () => {
  it(`lets only ${ROLE_ADMIN} members and server admins write role documents, tombstones and deletes included`, () => {
    const role = roleDoc('r1');
    const deleted = { _id: 'role:r1', _rev: '1-a', _deleted: true };
    for (const doc of [role, tombstoneDoc('role', 'r1'), deleted, { ...role, name: '' }]) {
      expect(verdict(doc, role, MEMBER)).toBe(ROLE_REFUSAL);
      expect(verdict(doc, null, { name: 'x', roles: ['connections-admins', '_reader'] })).toBe(ROLE_REFUSAL);
    }
    expect(ROLE_REFUSAL).toBe('Only members with the connections-admin role may change connection roles.');
    for (const ctx of [ROLE_ADMIN_CTX, SERVER_ADMIN]) {
      expect(verdict(role, null, ctx)).toBe('ok');
      expect(verdict(tombstoneDoc('role', 'r1'), role, ctx)).toBe('ok');
      expect(verdict(deleted, role, ctx)).toBe('ok');
    }
  });

  it('lets members delete connections the CouchDB way, and only server admins delete other documents', () => {
    const deleted = { _id: 'connection:c1', _rev: '1-a', _deleted: true };
    expect(verdict(deleted, connectionDoc('c1', 'bob'), MEMBER)).toBe('ok');
    // express-pouchdb's DELETE hands the stored body along with _deleted; it is not checked.
    expect(verdict({ ...connectionDoc('c1', 'bob', { junk: 1 }), _deleted: true }, null, MEMBER)).toBe('ok');
    expect(verdict({ _id: 'bulk-1', _deleted: true }, null, MEMBER)).toBe(
      '_id: must be "connection:<id>" or "role:<id>".',
    );
    expect(verdict({ _id: 'bulk-1', _deleted: true }, null, SERVER_ADMIN)).toBe('ok');
    expect(verdict({ _id: 'connection:a b', _deleted: true }, null, SERVER_ADMIN)).toBe('ok');
  });
});
