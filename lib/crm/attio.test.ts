// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { attio } from './attio';
import { itReadsNames } from './test-page';

const record = attio.parse(new URL('https://app.attio.com/salarya/person/bf071e1f-6035-429d-b874-d83ea64ea13b'))!;

describe('attio.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(attio, 'attio.html', record);
});
