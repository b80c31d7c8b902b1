// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { suitecrm8 } from './suitecrm8';
import { itReadsNames } from './test-page';

const record = suitecrm8.parse(
  new URL('https://suitecrm8.example.org/#/accounts/record/c604163c-0c14-d21b-b6c7-61c223215a42'),
)!;

describe('suitecrm8.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(suitecrm8, 'suitecrm8.html', record);
});
