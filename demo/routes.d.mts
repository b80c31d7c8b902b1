// Types for routes.mjs.
import type { BrowserContext } from 'playwright-core';
export const DEMO_HOSTS: readonly string[];
export function routeDemoCrms(context: BrowserContext): Promise<void>;
