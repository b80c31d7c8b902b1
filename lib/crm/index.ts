import { dynamics365 } from './dynamics365';
import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import type { CrmAdapter, DetectedRecord } from './types';

export type { CrmAdapter, DetectedRecord };

/** Every CRM the extension knows, one adapter each. */
export const ADAPTERS: readonly CrmAdapter[] = [dynamics365, salesforce, hubspot];

/** The adapter with this id, if any. */
export const adapterById = (id: string) => ADAPTERS.find((a) => a.id === id);

/** The record a URL shows in any supported CRM, or null for every other page. Pure. */
export function detectRecord(input: string | URL): DetectedRecord | null {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const raw = typeof input === 'string' ? input : input.href;
  for (const adapter of ADAPTERS) {
    const found = adapter.parse(url, raw);
    if (found) return found;
  }
  return null;
}
