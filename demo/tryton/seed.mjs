// The records a started Tryton gets for tests and the demo, made over JSON-RPC as a user's
// Tryton would hold them: companies and people as parties, a relation between two of them
// (Tryton's own, made through party.relation.all), and an opportunity.
import { date } from './rpc.mjs';

/** A party name a page script would love to see reach innerHTML. */
export const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'"> & Co';
/** The longest name a record may have (lib/model/limits.ts). */
export const LONG_NAME = `Very Long Name ${'x'.repeat(985)}`;

/** The parties by what tests call them; the other fields go to Tryton as they are. */
const PARTIES = {
  contoso: 'Contoso Ltd',
  alice: 'Alice Martin',
  bob: 'Bob Ferris',
  carol: 'Carol Nguyen',
  hostile: HOSTILE_NAME,
  long: LONG_NAME,
};

/**
 * Seeds `tryton` (from startTryton) and resolves to the ids and names made:
 * `{ parties: { contoso: { id, name }, … }, opportunity: { id, name } }`.
 */
export async function seedTryton(tryton) {
  const { rpc } = tryton;
  const keys = Object.keys(PARTIES);
  const ids = await rpc.model(
    'party.party',
    'create',
    keys.map((k) => ({ name: PARTIES[k] })),
  );
  const parties = Object.fromEntries(keys.map((k, i) => [k, { id: ids[i], name: PARTIES[k] }]));
  const [employs] = await rpc.model('party.relation.type', 'create', [{ name: 'Employer' }]);
  const [employed] = await rpc.model('party.relation.type', 'create', [{ name: 'Employee', reverse: employs }]);
  await rpc.model('party.relation.type', 'write', [employs], { reverse: employed });
  await rpc.model('party.relation.all', 'create', [
    { from_: parties.alice.id, to: parties.contoso.id, type: employed },
  ]);
  const [user] = await rpc.model('res.user', 'read', [1], ['company', 'employee']);
  const description = 'Contoso renewal 2027';
  const [opportunity] = await rpc.model('sale.opportunity', 'create', [
    {
      party: parties.contoso.id,
      description,
      company: user.company,
      employee: user.employee,
      start_date: date('2026-12-01'),
    },
  ]);
  return { parties, opportunity: { id: opportunity, name: description } };
}
