// Entry of the bench page: exposes each scenario's page-side functions on `window.bench`
// for the runner's page.evaluate calls. One key per scenario module.
import * as recordLookup from './record-lookup';
import * as sync from './sync';

const bench = { recordLookup, sync };

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
document.title = 'bench ready';
