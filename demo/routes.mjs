// Serves the demo CRMs at their real URLs inside a Playwright BrowserContext, so the extension's
// real manifest match patterns are exercised (docs/ARCHITECTURE.md, "Tests and measurements").
import { notFoundPage, renderDemoPage } from './render.mjs';

/**
 * The hosts the demo CRM pages are served at. The self-hosted EspoCRM is not among them: it runs
 * on a real local server (demo/self-hosted.mjs).
 */
export const DEMO_HOSTS = [
  'contoso.crm.dynamics.com',
  'contoso.lightning.force.com',
  'app.hubspot.com',
  'contoso.pipedrive.com',
  'crm.zoho.com',
  'contoso.odoo.com',
];

/** Fulfils every request to DEMO_HOSTS in `context` with the demo pages (404 for unknown paths). */
export async function routeDemoCrms(context) {
  for (const host of DEMO_HOSTS) {
    await context.route(`https://${host}/**`, (route) => {
      const url = route.request().url();
      const { status, contentType, body, headers } = renderDemoPage(url) ?? notFoundPage(url);
      return route.fulfill({ status, contentType, body, headers });
    });
  }
}
