// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { insightly } from './insightly';
import { itReadsNames } from './test-page';

const record = insightly.parse(new URL('https://crm.na1.insightly.com/details/Lead/12345678'))!;

describe('insightly.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(insightly, 'insightly.html', record);
});
