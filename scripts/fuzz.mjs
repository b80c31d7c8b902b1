// `npm run fuzz`: the property tests (*.fuzz.test.ts) with a random seed and many more cases than
// `npm test` runs; the seed is printed before and after, so a failure can be replayed with
// FUZZ_SEED=… FUZZ_RUNS=… npm run fuzz.
import { spawnSync } from 'node:child_process';

const seed = process.env.FUZZ_SEED || String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS || '50000';
const say = (what) => console.log(`fuzz: ${what} FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`);
say('running with');
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '.fuzz.test.'],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
  },
);
say(run.status === 0 ? 'passed with' : 'FAILED; replay with');
process.exit(run.status ?? 1);
