// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pipedrive } from './pipedrive';
import { fixturePage, itReadsNames } from './test-page';

const deal = pipedrive.parse(new URL('https://acme.pipedrive.com/deal/42'))!;
const person = pipedrive.parse(new URL('https://gantri.pipedrive.com/person/2841'))!;

describe('pipedrive.readName', () => {
  it('parses the example records', () => expect([deal, person]).not.toContain(null));
  itReadsNames(pipedrive, 'pipedrive-deal.html', deal);
  itReadsNames(pipedrive, 'pipedrive-person.html', person);
  it('does not read the deal title on another record type', () => {
    const doc = fixturePage('pipedrive-deal.html', 'Big deal');
    expect(pipedrive.readName(doc, person)).toBe('Deals');
  });
});
