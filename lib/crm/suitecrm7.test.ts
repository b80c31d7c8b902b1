// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { suitecrm7 } from './suitecrm7';
import { itReadsNames } from './test-page';

const record = suitecrm7.parse(
  new URL(
    'https://suitecrm.example.org/index.php?module=Contacts&action=DetailView&record=a630a130-f7c8-7c15-e5ea-66a69df451c8',
  ),
)!;

describe('suitecrm7.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(suitecrm7, 'suitecrm7.html', record);
});
