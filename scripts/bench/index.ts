import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLedgerBench } from './ledger';
import { runSyncBench } from './sync';
import { runWriteBench } from './write';

// `npm run bench`: every figure on its own line as `bench: <name> = <value> <unit>`; context lines never
// start with "bench:". Everything is written under one temp directory, removed at the end.
const root = mkdtempSync(join(tmpdir(), 'bangfu-bench-'));
console.log(
  `Bangfu Ledger benchmarks — node ${process.version}, ${process.platform}/${process.arch}, temp ${root}`,
);
try {
  await runWriteBench(root);
  await runLedgerBench(root);
  await runSyncBench(root);
} finally {
  rmSync(root, { recursive: true, force: true });
}
