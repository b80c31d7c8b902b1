import {
  defaultRoleDocuments,
  indexFields,
  recordKey,
  type Connection,
  type ConnectionEnd,
  type RecordKey,
} from '../../lib/model';

/** Seeded PRNG (mulberry32): both engines must see identical data and query order. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const hex = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Femi', 'Gao', 'Hana', 'Ines', 'Jon'];
const LAST = ['Silva', 'Okafor', 'Müller', 'Tanaka', 'Haddad', 'Novak', 'Reyes', 'Berg'];

/** Record `i` in one of four CRMs, ids in each CRM's own shape, so keys have realistic lengths. */
function makeRecord(i: number, rand: () => number): ConnectionEnd {
  const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
  const n = String(1000 + i);
  const shapes = [
    () => {
      const id = `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${n.padStart(12, '0')}`;
      const [tenant, entityType] = ['contoso.crm.dynamics.com', pick(rand, ['account', 'contact'])];
      return { crm: 'dynamics', tenant, entityType, recordId: id, url: `https://${tenant}/main.aspx?id=${id}` };
    },
    () => {
      const id = `003${n.padStart(12, '0')}AAA`;
      const tenant = 'acme.my.salesforce.com';
      return { crm: 'salesforce', tenant, entityType: 'contact', recordId: id, url: `https://${tenant}/${id}` };
    },
    () => ({ crm: 'hubspot', tenant: '4417253', entityType: 'contact', recordId: n, url: '' }),
    () => ({ crm: 'pipedrive', tenant: 'acme.pipedrive.com', entityType: 'person', recordId: n, url: '' }),
  ];
  const ref = { ...shapes[i % shapes.length]!(), name };
  if (!ref.url) ref.url = `https://app.example.com/${ref.crm}/${ref.recordId}`;
  return { ...ref, key: recordKey(ref) };
}

export interface Dataset {
  records: ConnectionEnd[];
  hot: ConnectionEnd[];
  connections: Connection[];
}

/** Sizes of one dataset: N/5 records (≈10 connections each) plus 3 hot records. */
export function shape(n: number) {
  return { records: Math.max(2, Math.floor(n / 5)), hot: 3, perHot: Math.min(1000, Math.floor(n / 10)) };
}

/** The records only (cheap): what a lookup run needs to pick its keys after a reload. */
export function makeRecords(n: number, seed: number) {
  const rand = prng(seed);
  const { records, hot } = shape(n);
  const all = Array.from({ length: records + hot }, (_, i) => makeRecord(i, rand));
  return { records: all.slice(0, records), hot: all.slice(records) };
}

/** N connections in the exact stored shape, keys from recordKey, index fields from indexFields. */
export function makeDataset(n: number, seed: number): Dataset {
  const { records, hot } = makeRecords(n, seed);
  const rand = prng(seed ^ 0x5bd1e995);
  const roles = defaultRoleDocuments('2024-01-01T00:00:00.000Z');
  const { perHot } = shape(n);
  const epoch = Date.parse('2024-01-01T00:00:00Z');
  const connections = Array.from({ length: n }, (_, i): Connection => {
    const a = i < hot.length * perHot ? hot[i % hot.length]! : pick(rand, records);
    let b = pick(rand, records);
    while (b.key === a.key) b = pick(rand, records);
    const [from, to] = rand() < 0.5 ? [a, b] : [b, a];
    // Mostly a target role with its reciprocal, as the dialog fills them in; some left blank.
    const toRole = rand() < 0.85 ? pick(rand, roles) : null;
    const fromRoleId = toRole?.matchingRoleIds.length && rand() < 0.7 ? pick(rand, toRole.matchingRoleIds) : null;
    const created = new Date(epoch + Math.floor(rand() * 7e10)).toISOString();
    const who = `${pick(rand, FIRST).toLowerCase()}@acme.test`;
    const draft = {
      id: `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-8${hex(rand, 3)}-${hex(rand, 12)}`,
      from,
      fromRoleId,
      to,
      toRoleId: toRole?.id ?? null,
      description: rand() < 0.2 ? 'Met at the annual partner summit.' : '',
      owner: who,
      effectiveStart: null,
      effectiveEnd: null,
      status: rand() < 0.9 ? ('active' as const) : ('inactive' as const),
      createdAt: created,
      createdBy: who,
      updatedAt: created,
      updatedBy: who,
    };
    return { ...draft, ...indexFields(draft) };
  });
  return { records, hot, connections };
}

/** The measured keys: `count` random ordinary records, then the hot ones; same for every engine. */
export function queryKeys(n: number, seed: number, count: number) {
  const { records, hot } = makeRecords(n, seed);
  const rand = prng(seed + 1);
  const keys: RecordKey[] = Array.from({ length: count }, () => pick(rand, records).key);
  // Warm-up keys come from the same records but are not measured (JIT, first transaction).
  const warm: RecordKey[] = Array.from({ length: 20 }, () => pick(rand, records).key);
  return { keys, warm, hot: hot.map((r) => r.key) };
}
