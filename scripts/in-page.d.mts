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
export function clickPoint(el: Element): Promise<string>;
export function pointFor(
  json: string | undefined,
  node: Pick<InPageNode, 'tag' | 'attrs' | 'text'>,
): { x: number; y: number };
import type { Frame } from 'playwright-core';
export function eventually<T>(read: () => Promise<T | null | undefined>, what: string, timeout?: number): Promise<T>;
export function findOurs(page: Page, match: (n: InPageNode) => boolean): Promise<InPageNode | null>;
export function clickOurs(page: Page, what: string, match: (n: InPageNode) => boolean, timeout?: number): Promise<void>;
export function ourFrame(page: Page, name: 'panel' | 'dialog'): Frame | null;
export function waitForFrame(page: Page, name: 'panel' | 'dialog', timeout?: number): Promise<Frame>;
export function panelOpen(page: Page): Promise<boolean>;
export const OURS: {
  connect: (n: InPageNode) => boolean;
  tab: (n: InPageNode) => boolean;
  menuItem: (name: string) => (n: InPageNode) => boolean;
};
