// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { capsule } from './capsule';
import { itReadsNames } from './test-page';

const record = capsule.parse(new URL('https://energysparks.capsulecrm.com/party/1234'))!;

describe('capsule.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(capsule, 'capsule.html', record);
});
