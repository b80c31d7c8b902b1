// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { keap } from './keap';
import { itReadsNames } from './test-page';

const record = keap.parse(new URL('https://vx952.infusionsoft.com/Contact/manageContact.jsp?view=edit&ID=12345'))!;

describe('keap.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(keap, 'keap.html', record);
});
