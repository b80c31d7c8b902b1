import { attio } from './attio';
import { capsule } from './capsule';
import { close } from './close';
import { copper } from './copper';
import { creatio } from './creatio';
import { dynamics365 } from './dynamics365';
import { espocrm } from './espocrm';
import { freshsales } from './freshsales';
import { hubspot } from './hubspot';
import { insightly } from './insightly';
import { keap } from './keap';
import { monday } from './monday';
import { nutshell } from './nutshell';
import { odoo } from './odoo';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import { sugarcrm } from './sugarcrm';
import { suitecrm7 } from './suitecrm7';
import { suitecrm8 } from './suitecrm8';
import { tryton } from './tryton';
import { twenty } from './twenty';
import { vtiger } from './vtiger';
import { zendeskSell } from './zendesk-sell';
import { zoho } from './zoho';
import type { CrmAdapter, DetectedRecord } from './types';
import { LIMITS } from '../model/limits';

export type { CrmAdapter, DetectedRecord };

/**
 * Every CRM the extension knows, one adapter each. Adapters bound to their SaaS hosts come first;
 * those that accept any host (self-hosted CRMs, enabled per site) follow.
 */
export const ADAPTERS: readonly CrmAdapter[] = (
  [
    dynamics365,
    salesforce,
    hubspot,
    pipedrive,
    zoho,
    freshsales,
    close,
    copper,
    attio,
    insightly,
    zendeskSell,
    capsule,
    nutshell,
    keap,
    monday,
    odoo,
    twenty,
    creatio,
    sugarcrm,
    suitecrm7,
    suitecrm8,
    espocrm,
    vtiger,
    tryton,
  ] satisfies CrmAdapter[]
).map(heldByModel);

/**
 * The adapter, giving only records the model can hold: none with a blank tenant, type or id, or
 * one longer than the model's limit (a self-hosted CRM's tenant is its host and folder, however
 * deep). Such an address is no record, rather than one refused later wherever it is checked.
 */
function heldByModel(adapter: CrmAdapter): CrmAdapter {
  const fits = (part: string) => part.trim() !== '' && part.length <= LIMITS.recordPart;
  return {
    ...adapter,
    parse(url, raw) {
      const r = adapter.parse(url, raw);
      return r && fits(r.tenant) && fits(r.entityType) && fits(r.recordId) ? r : null;
    },
  };
}

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

/** True for pages that should leave the previously detected record in place (calling windows). */
export function keepsPreviousRecord(input: string): boolean {
  try {
    const url = new URL(input);
    return ADAPTERS.some((a) => a.keepsPrevious?.(url) ?? false);
  } catch {
    return false;
  }
}
