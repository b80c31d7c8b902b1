// Types for render.mjs.
export interface DemoPage {
  status: number;
  contentType: string;
  body: string;
}
export const LATE_RENDER_MS: number;
export function escapeHtml(value: unknown): string;
export function renderDemoPage(url: string, options?: { base?: string }): DemoPage | null;
export function notFoundPage(url: string): DemoPage;
