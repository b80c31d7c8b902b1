// Types for render.mjs.
export interface DemoPage {
  status: number;
  contentType: string;
  body: string;
  /** Extra response headers (a strict Content-Security-Policy on some CRMs). */
  headers: Record<string, string>;
}
import type { DemoRecord } from './records.mjs';
/** What a view makes of a URL: a record, a list or a home page. */
export type DemoViewPage = object;
/** The part of a CRM that renders on the server and, serialised, in the page (demo/spa.mjs). */
export interface DemoView {
  parse(href: string, records: readonly DemoRecord[]): DemoViewPage | null;
  title(page: DemoViewPage): string;
  main(page: DemoViewPage): string;
}
/** One demo CRM as demo/crm/*.mjs exports it: its host (null when self-hosted), view, shell and CSS. */
export interface DemoCrm {
  host: string | null;
  view: DemoView;
  shell(page: DemoViewPage, mainHtml: string): string;
  css: string;
  /** Its pages come with a strict Content-Security-Policy, as Salesforce's do. */
  strictCsp?: boolean;
}
export const DEMO_CRMS: Record<DemoRecord['crm'], DemoCrm>;
export const LATE_RENDER_MS: number;
export function escapeHtml(value: unknown): string;
export function renderDemoPage(url: string, options?: { base?: string }): DemoPage | null;
export function renderCrmPage(
  crm: DemoCrm,
  url: string,
  records: readonly DemoRecord[],
  options?: { base?: string },
): DemoPage;
export function notFoundPage(url: string): DemoPage;
