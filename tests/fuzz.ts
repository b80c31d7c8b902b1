// Shared pieces of the property-based fuzz tests (*.fuzz.test.ts): how many cases and which seed,
// hostile values, mutations of valid values, and a byte-exact dump of the database.
//
// FUZZ_SEED: the fast-check seed (default a fixed number, so `npx vitest run` is repeatable).
// FUZZ_RUNS: cases for a standard property (default STANDARD_RUNS). A property that costs more per
//   case declares a smaller default; FUZZ_RUNS scales every property by the same factor.
// `npm run fuzz` picks a random seed, prints it, and runs many more cases; a failure prints the
// seed, the counterexample and how to replay it.
import fc from 'fast-check';
import type { Store } from '../lib/store';

/** Cases of a standard property at the default settings. */
export const STANDARD_RUNS = 2_000;

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, not '${raw}'.`);
  return n;
}

export const FUZZ_SEED = envInt('FUZZ_SEED') ?? 20_260_101;
const RUNS = envInt('FUZZ_RUNS');
/** True under `npm run fuzz` (or any run with FUZZ_RUNS set): long runs get long timeouts. */
export const LONG_RUN = RUNS !== undefined;

/** Cases for a property whose default is `defaultRuns`: scaled when FUZZ_RUNS is set. */
export const fuzzRuns = (defaultRuns: number) =>
  RUNS === undefined ? defaultRuns : Math.max(1, Math.round((RUNS * defaultRuns) / STANDARD_RUNS));

/** A test timeout for a property of `runs` cases at about `msPerRun` each (generous: CI is slow). */
export const fuzzTimeout = (runs: number, msPerRun: number) => Math.max(60_000, Math.ceil(runs * msPerRun * 4));

/**
 * Runs a property with the fuzz seed and `runs` cases; a failure names the seed and how to
 * replay it (fast-check's own report adds the counterexample, shrunk, and its path).
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  runs: number,
  file: string,
) {
  try {
    await fc.assert(property as fc.IAsyncProperty<Ts>, { seed: FUZZ_SEED, numRuns: runs });
  } catch (e) {
    if (e instanceof Error) {
      e.message += `\n\nReplay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${RUNS ?? STANDARD_RUNS} npx vitest run ${file}`;
    }
    throw e;
  }
}

/**
 * Counts outcomes of a property's cases; with FUZZ_STATS=1 they are printed at the end, to see
 * that a property reaches what it should (answers, each kind of refusal) and not only one path.
 */
export function fuzzStats() {
  const counts = new Map<string, number>();
  return {
    tally: (what: string) => void counts.set(what, (counts.get(what) ?? 0) + 1),
    report(name: string) {
      if (!process.env.FUZZ_STATS) return;
      const lines = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `  ${k}: ${n}`);
      console.info(`[fuzz] ${name}\n${lines.join('\n')}`);
    },
  };
}

/** Any value, short, for a failure message (never throws, unlike String() on `{toString: 1}`). */
export function show(x: unknown): string {
  try {
    const s = typeof x === 'string' ? x : (JSON.stringify(x) ?? typeof x);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return Object.prototype.toString.call(x);
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Keys that reach prototypes when code copies objects carelessly. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** Text that trips parsers and limits: controls, bidi, lone surrogates, combining marks, emoji. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '\t\n\r',
  '\u202e\u2066evil\u2069',
  '\u200b\ufeff',
  '\ud800',
  '\udfff',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '𝕏',
  'İı',
  'ß',
  '%00',
  '%E0%A4%A',
  '../..',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  'DELETE',
  ...PROTO_KEYS,
];

/** Unicode text of every kind, including lone surrogates (`binary`) and clusters. */
export const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
);

/** Text longer than every limit of the model (the largest is 4,096), sometimes far longer. */
export const hugeText = fc
  .tuple(fc.constantFrom(513, 1_001, 2_001, 4_097, 10_001, 70_000), fc.constantFrom('x', 'é', '👍', ' ', 'a\u0000'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

/** An object with own keys exactly as given, `__proto__` included (as JSON.parse makes it). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) own(out, k, v);
  return out;
}

/** Sets an own property, never the prototype (`obj.__proto__ = …` would). */
const own = (obj: object, key: string, value: unknown) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

/** A value nested `depth` levels deep in arrays or objects. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean(), fc.jsonValue({ maxDepth: 0 }))
  .map(([depth, arrays, leaf]) => {
    let v: unknown = leaf;
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 1, arbitrary: unicodeText },
);

const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.double(),
  fc.string({ maxLength: 12 }),
  unicodeText,
);

/** Any JSON-like value (doubles include NaN and ±Infinity, as structured clone carries them). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: hugeText },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 4 }).map(objectOf),
    },
  ),
})).value;

/** A JSON value as a server or a file can hold it (no NaN, no undefined), `__proto__` keys included. */
export const hostileJson: fc.Arbitrary<unknown> = hostileValue.map((v) => JSON.parse(JSON.stringify(v) ?? 'null'));

/** Own property names of the built-in prototypes, to tell that no input polluted them. */
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype };
const pristine = Object.fromEntries(
  Object.entries(PROTOTYPES).map(([name, proto]) => [name, Object.getOwnPropertyNames(proto).sort()]),
);
/** Fails if anything added a property to Object, Array or Function's prototype. */
export function expectPrototypesIntact(label: string) {
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    const now = Object.getOwnPropertyNames(proto).sort();
    if (now.join() !== pristine[name]!.join()) {
      throw new Error(`${label}: ${name}.prototype was polluted: ${now.filter((k) => !pristine[name]!.includes(k))}`);
    }
  }
}

/** Text holding an unpaired UTF-16 surrogate, anywhere in a value (well-formed text has none). */
export function hasLoneSurrogate(x: unknown, depth = 0): boolean {
  if (typeof x === 'string') return !x.isWellFormed();
  if (typeof x !== 'object' || x === null || depth > 50) return false;
  return Object.values(x).some((v) => hasLoneSurrogate(v, depth + 1));
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid values

export const MUTATIONS = [
  'delete',
  'replace',
  'retype',
  'insert',
  'truncate',
  'duplicate',
  'huge',
  'unicode',
  'nest',
  'null',
] as const;
export type MutationKind = (typeof MUTATIONS)[number];

export interface Mutation {
  /** Where: at each level, the child at this index (modulo the number of children); stops at leaves. */
  path: number[];
  kind: MutationKind;
  /** The value put in by replace, insert; the key added by insert. */
  value: unknown;
  key: string;
  n: number;
  text: string;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(1_000), { maxLength: 6 }),
  kind: fc.constantFrom(...MUTATIONS),
  value: hostileValue,
  key: keyArb,
  n: fc.nat(1_000_000),
  text: fc.oneof(unicodeText, hugeText),
});

const isContainer = (x: unknown): x is Record<string, unknown> | unknown[] => typeof x === 'object' && x !== null;

/** The same kind of thing, of another type: text for numbers, a list for an object, and so on. */
function retyped(x: unknown, n: number): unknown {
  const options: unknown[] =
    typeof x === 'string'
      ? [n, x.length > 0, [x], { value: x }, null]
      : typeof x === 'number'
        ? [String(x), x > 0, [x], null, { n: x }]
        : typeof x === 'boolean'
          ? [String(x), x ? 1 : 0, null, [x]]
          : x === null || x === undefined
            ? [{}, [], '', 0, false]
            : Array.isArray(x)
              ? [{ ...x }, x.length, show(x), null]
              : [[x], Object.keys(x as object).join(','), 1, null];
  return options[n % options.length];
}

/** A shallow copy of a container, own keys exactly as they were (`__proto__` included). */
const copyOf = (x: Record<string, unknown> | unknown[]) => (Array.isArray(x) ? [...x] : objectOf(Object.entries(x)));

/**
 * A mutated copy of `root`: the containers on the way to the mutation are copied, the rest is
 * shared, so the original is untouched and values nested thousands deep cost nothing to copy.
 */
export function mutate(root: unknown, m: Mutation): unknown {
  const box: Record<string, unknown> = { root: isContainer(root) ? copyOf(root) : root };
  let parent: Record<string, unknown> | unknown[] = box;
  let key: string | number = 'root';
  for (const step of m.path) {
    const here: unknown = (parent as Record<string, unknown>)[key];
    if (!isContainer(here)) break;
    const keys: (string | number)[] = Array.isArray(here) ? here.map((_, i) => i) : Object.keys(here);
    if (keys.length === 0) break;
    parent = here;
    key = keys[step % keys.length]!;
    const child: unknown = (parent as Record<string, unknown>)[key];
    if (isContainer(child)) {
      if (Array.isArray(parent)) parent[key as number] = copyOf(child);
      else own(parent, key as string, copyOf(child));
    }
  }
  const target = (parent as Record<string, unknown>)[key];
  const set = (value: unknown) => {
    if (Array.isArray(parent)) parent[key as number] = value;
    else own(parent, key as string, value);
  };
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent === box) box.root = undefined;
      else delete parent[key];
      break;
    case 'replace':
      set(m.value);
      break;
    case 'retype':
      set(retyped(target, m.n));
      break;
    case 'insert':
      if (Array.isArray(target)) target.splice(m.n % (target.length + 1), 0, m.value);
      else if (isContainer(target)) set(objectOf([...Object.entries(target), [m.key, m.value]]));
      else if (!Array.isArray(parent) && parent !== box) own(parent, m.key, m.value);
      else set(m.value);
      break;
    case 'truncate':
      if (typeof target === 'string') set(target.slice(0, m.n % (target.length + 1)));
      else if (Array.isArray(target)) set(target.slice(0, m.n % (target.length + 1)));
      else if (isContainer(target)) {
        const entries = Object.entries(target);
        set(objectOf(entries.slice(0, m.n % (entries.length + 1))));
      } else set(undefined);
      break;
    case 'duplicate':
      if (Array.isArray(target) && target.length) target.push(target[m.n % target.length]);
      else if (typeof target === 'string') set(target + target);
      else if (Array.isArray(parent)) parent.push(target);
      else set([target, target]);
      break;
    case 'huge':
      set(typeof target === 'string' ? target + 'x'.repeat(4_100 + (m.n % 70_000)) : m.text);
      break;
    case 'unicode':
      set(typeof target === 'string' ? target + m.text : m.text);
      break;
    case 'nest': {
      let v: unknown = target;
      const depth = 2 + (m.n % 1_000);
      for (let i = 0; i < depth; i++) v = m.n % 2 ? [v] : { [m.key]: v };
      set(v);
      break;
    }
    case 'null':
      set(null);
      break;
  }
  return box.root;
}

/** One to three mutations of `valid`, applied in turn. */
export const mutationsOf = (valid: unknown, max = 3) =>
  fc.array(mutationArb, { minLength: 1, maxLength: max }).map((ms) => ms.reduce((v, m) => mutate(v, m), valid));

// ---------------------------------------------------------------------------------------------
// The database, byte for byte

/**
 * A canonical text of a stored value that tells apart everything structured clone keeps: types
 * (1 and "1"), -0 and 0, NaN, undefined and a missing key, array holes, key order, Dates, Maps
 * and Sets. (v8.serialize is not canonical: it writes a string one way or another depending on
 * how the engine happens to hold it in memory.)
 */
export function encode(x: unknown, out: string[] = []): string[] {
  if (x === null) out.push('N');
  else if (x === undefined) out.push('U');
  else if (typeof x === 'boolean') out.push(x ? 'T' : 'F');
  else if (typeof x === 'number') out.push(Object.is(x, -0) ? 'n-0' : `n${x}`);
  else if (typeof x === 'string') out.push(JSON.stringify(x));
  else if (typeof x === 'bigint') out.push(`b${x}`);
  else if (Array.isArray(x)) {
    out.push('[');
    for (let i = 0; i < x.length; i++) {
      if (i in x) encode(x[i], out);
      else out.push('H');
      out.push(',');
    }
    out.push(']');
  } else if (x instanceof Date) out.push(`D${x.getTime()}`);
  else if (x instanceof Map) {
    out.push('M(');
    for (const [k, v] of x) {
      encode(k, out);
      out.push('=>');
      encode(v, out);
      out.push(',');
    }
    out.push(')');
  } else if (x instanceof Set) {
    out.push('S(');
    for (const v of x) {
      encode(v, out);
      out.push(',');
    }
    out.push(')');
  } else if (ArrayBuffer.isView(x) || x instanceof ArrayBuffer) {
    const bytes = x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    out.push(`B${x.constructor.name}:${Buffer.from(bytes).toString('hex')}`);
  } else if (typeof x === 'object') {
    out.push('{');
    for (const k of Object.keys(x)) {
      out.push(JSON.stringify(k), ':');
      encode((x as Record<string, unknown>)[k], out);
      out.push(',');
    }
    out.push('}');
  } else out.push(`?${typeof x}`);
  return out;
}

/** A dump of the database: per object store, its keys and values in key order, as canonical text. */
export interface Dump {
  stores: { name: string; count: number; text: string }[];
  extra: string;
}

/** Every object store's keys and values (and `extra`, state kept outside the database). */
export async function dumpStore(db: Store, extra?: unknown): Promise<Dump> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const stores = await Promise.all(
    names.map(async (name) => {
      const store = tx.objectStore(name);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
      return { name, count: keys.length, text: encode([keys, values]).join('') };
    }),
  );
  await tx.done;
  return { stores, extra: encode(extra).join('') };
}

/** The dump without some stores (a staging area, say). */
export const dumpWithout = (d: Dump, ...names: string[]): Dump => ({
  ...d,
  stores: d.stores.filter((s) => !names.includes(s.name)),
});

/** Which stores differ between two dumps, for a readable failure ('' when none). */
export function dumpDiff(a: Dump, b: Dump): string {
  const differing = a.stores.flatMap((x) => {
    const y = b.stores.find((s) => s.name === x.name);
    return y?.text === x.text ? [] : [`${x.name} (${x.count} → ${y?.count} entries)`];
  });
  if (a.extra !== b.extra) differing.push('browser state (tabs, private windows, sync settings, sites)');
  return differing.length ? `changed: ${differing.join(', ')}` : '';
}
