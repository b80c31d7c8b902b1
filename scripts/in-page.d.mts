// Types for in-page.mjs.
import type { Page } from 'playwright-core';
export interface InPageNode {
  backendNodeId: number;
  tag: string;
  attrs: Record<string, string>;
  text: string;
}
export function inPageNodes(page: Page): Promise<InPageNode[]>;
export function shownRecordKey(page: Page): Promise<string | null>;
export function waitForShown(page: Page, key?: string, timeout?: number): Promise<boolean>;
export function clickInPage(page: Page, node: InPageNode): Promise<void>;
