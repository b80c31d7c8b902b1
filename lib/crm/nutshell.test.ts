// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { nutshell } from './nutshell';
import { itReadsNames } from './test-page';

const record = nutshell.parse(new URL('https://app.nutshell.com/company/7-test-account-hull-1'))!;

describe('nutshell.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(nutshell, 'nutshell.html', record);
});
