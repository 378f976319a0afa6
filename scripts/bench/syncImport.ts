import { readFileSync } from 'node:fs';
import { openApp } from '../../db/app';
import { peakMb } from './peakMemory';

// Child process of the sync benchmark: imports one bundle into the department's store and reports its time
// and this process's peak memory, so the figure is the import's own and not the parent's. With a fourth
// argument `inspect` it first runs the dry run (检查) as the screen does, timed on its own.

const [dir, bundlePath, fingerprint, mode] = process.argv.slice(2) as [string, string, string, string?];
const app = await openApp({ dataDir: dir, appVersion: 'bench', log: () => undefined });
const dataBase64 = readFileSync(bundlePath).toString('base64');
const file = { fileName: 'bench.bfb', dataBase64 };
const timed = async <T>(fn: () => Promise<T>) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return {
    value,
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  };
};
const inspected = mode === 'inspect' ? await timed(() => app.invoke('sync.inspect', file)) : null;
if (inspected && !inspected.value.ok) throw new Error(inspected.value.error.message);
const imported = await timed(() => app.invoke('sync.import', { ...file, confirmFingerprint: fingerprint }));
app.close();
const res = imported.value;
if (!res.ok) throw new Error(res.error.message);
console.log(
  JSON.stringify({
    ms: imported.ms,
    cpuMs: imported.cpuMs,
    inspectMs: inspected?.ms ?? 0,
    inspectCpuMs: inspected?.cpuMs ?? 0,
    peakMb: peakMb(),
    records: (res.value as { summary: { new: number } }).summary.new,
  }),
);
