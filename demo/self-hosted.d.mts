// Types for self-hosted.mjs.
import type { DemoListUrl, DemoRecord } from './records.mjs';
import type { DemoPage } from './render.mjs';
export { selfHostedListUrls, selfHostedRecords } from './records.mjs';
export interface SelfHostedDemo {
  /** http://127.0.0.1:{port}, the origin to grant the optional host permission for. */
  origin: string;
  /** The EspoCRM records, with URLs on `origin`. */
  records: DemoRecord[];
  /** The EspoCRM list pages (#Contact, #Account) on `origin`. */
  listUrls: DemoListUrl[];
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}
export function renderSelfHostedPage(url: string): DemoPage;
export function startSelfHostedDemo(options?: { port?: number }): Promise<SelfHostedDemo>;
