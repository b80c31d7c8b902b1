// Types for sao.mjs.
import type { Page } from 'playwright-core';
import type { Tryton } from './server.mjs';
export function openSignedIn(page: Page, tryton: Tryton, url: string): Promise<void>;
