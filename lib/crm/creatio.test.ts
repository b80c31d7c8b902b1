// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { creatio } from './creatio';
import { itReadsNames } from './test-page';

const record = creatio.parse(
  new URL('https://tenant.creatio.com/0/Shell/#Card/Contacts_FormPage/edit/fe8432a7-4917-444d-a934-600ac815ac3b'),
)!;

describe('creatio.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(creatio, 'creatio.html', record);
});
