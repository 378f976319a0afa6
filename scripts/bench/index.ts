import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDepartmentBench } from './department';
import { runLedgerBench } from './ledger';
import { runReportsBench } from './reports';
import { runSyncBench } from './sync';
import { runSync1mBench } from './sync1m';
import { runUiBench } from './ui';
import { runWriteBench } from './write';
import { runXlsxBench } from './xlsx';

// `npm run bench`: every figure on its own line as `bench: <name> = <value> <unit>`; context lines never
// start with "bench:". Everything is written under one temp directory, removed at the end.
// `npm run bench -- reports sync` runs only the named groups; groups in OPT_IN run only when named.

const GROUPS = {
  write: runWriteBench,
  ledger: runLedgerBench,
  sync: runSyncBench,
  reports: runReportsBench,
  xlsx: runXlsxBench,
  sync1m: runSync1mBench,
  ui: runUiBench,
  department: runDepartmentBench,
};
const OPT_IN = new Set(['sync1m']);
const asked = process.argv.slice(2);
const unknown = asked.filter((g) => !(g in GROUPS));
if (unknown.length)
  throw new Error(`unknown bench group: ${unknown.join(', ')} (known: ${Object.keys(GROUPS).join(', ')})`);
const root = mkdtempSync(join(tmpdir(), 'bangfu-bench-'));
console.log(
  `Bangfu Ledger benchmarks — node ${process.version}, ${process.platform}/${process.arch}, temp ${root}`,
);
try {
  for (const [name, run] of Object.entries(GROUPS))
    if (asked.includes(name) || (asked.length === 0 && !OPT_IN.has(name))) await run(root);
} finally {
  rmSync(root, { recursive: true, force: true });
}
