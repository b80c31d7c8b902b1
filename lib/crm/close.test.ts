// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { close } from './close';
import { itReadsNames } from './test-page';

const record = close.parse(new URL('https://app.close.com/lead/lead_HcmG4cyICfAIu1J0sRziNKe63cbNaifOxZZ0PppgksW/'))!;

describe('close.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(close, 'close.html', record);
});
