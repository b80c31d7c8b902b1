// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { copper } from './copper';
import { itReadsNames } from './test-page';

const record = copper.parse(new URL('https://app.copper.com/companies/562111/app#/organization/23456789'))!;

describe('copper.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(copper, 'copper.html', record);
});
