import { spawnSync } from 'node:child_process';

// The convergence property at length: `npm run test:convergence [runs]` (10,000 by default) runs the same
// test `npm test` runs 500 times, with the run count raised.
const runs = process.argv[2] ?? '10000';
if (!/^\d+$/.test(runs)) {
  console.error('用法：npm run test:convergence [次数]');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', 'test/db/sync/convergence.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CONVERGENCE_RUNS: runs },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
