import { readFileSync } from 'node:fs';
import { benchApp } from './fixtures';
import { peakMb } from './peakMemory';

// Child process of the xlsx benchmark: previews and then commits one ledger as the import dialog does (the
// commit reuses the preview's reading) in a fresh site, and reports wall and CPU time of each step and this
// process's peak memory, so the figure is the import's own and not that of building the test files.

const [root, label, path] = process.argv.slice(2) as [string, string, string];
const b = await benchApp(root, `xlsx-${label}`);
const file = { agreementId: b.agreementId, fileName: `台账-${label}.xlsx`, dataBase64: '' };
file.dataBase64 = readFileSync(path).toString('base64');

const step = async <T>(run: () => Promise<T>) => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return {
    value,
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  };
};

const preview = await step(() => b.call('ledger.importPreview', file));
const { create, update } = preview.value.counts;
const commit = await step(() => b.call('ledger.importCommit', { ...file, expected: { create, update } }));
b.dispose();
console.log(
  JSON.stringify({
    created: commit.value.created,
    previewMs: preview.ms,
    previewCpuMs: preview.cpuMs,
    commitMs: commit.ms,
    commitCpuMs: commit.cpuMs,
    peakMb: peakMb(),
  }),
);
