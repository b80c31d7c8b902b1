// `npm test`: every check in order, then one closing line `N passed, N failed` over all of them.
// Type-check, lint, format and build count as one test each; unit and browser tests count per test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensurePackages, NEEDS } from './system-deps.mjs';

// The browsers, Xvfb and a real Tryton first: installed when missing (as root), or one line
// naming the command to run.
const packages = ensurePackages(NEEDS.test);
if (!packages.ok) {
  console.error(packages.message);
  process.exit(1);
}

const steps = [
  { name: 'type-check', cmd: 'npx tsc --noEmit' },
  { name: 'lint', cmd: 'npx eslint .' },
  { name: 'format', cmd: 'npx prettier --check .' },
  { name: 'build (chrome)', cmd: 'npx wxt build' },
  // The Firefox build and its store packages (extension and sources zips), then Mozilla's linter
  // on the build, with any warning failing the step as it would hold up review.
  { name: 'build + zip (firefox)', cmd: 'npx wxt zip -b firefox' },
  { name: 'web-ext lint (firefox)', cmd: 'npx web-ext lint -s .output/firefox-mv2 --warnings-as-errors' },
  { name: 'unit tests', cmd: 'npx vitest run', report: '.output/vitest-results.json' },
  {
    name: 'browser tests (chromium)',
    cmd: 'npx vitest run -c vitest.e2e.config.ts',
    report: '.output/e2e-results.json',
  },
  {
    name: 'browser tests (firefox)',
    cmd: 'npx vitest run -c vitest.firefox.config.ts',
    report: '.output/firefox-results.json',
  },
];

let passed = 0;
let failed = 0;
const lines = [];
for (const step of steps) {
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n▶ ${step.name}: ${step.cmd}`);
  const run = spawnSync(step.cmd, { shell: true, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (step.report && existsSync(step.report)) {
    const r = JSON.parse(readFileSync(step.report, 'utf8'));
    // A runner that crashed before running its tests still counts as a failure.
    const crashed = run.status !== 0 && r.numFailedTests === 0 ? 1 : 0;
    passed += r.numPassedTests;
    failed += r.numFailedTests + crashed;
    lines.push(`${step.name}: ${r.numPassedTests} passed, ${r.numFailedTests + crashed} failed`);
  } else if (run.status === 0) {
    passed += 1;
    lines.push(`${step.name}: ok`);
  } else {
    failed += 1;
    lines.push(`${step.name}: FAILED (exit ${run.status})`);
  }
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
