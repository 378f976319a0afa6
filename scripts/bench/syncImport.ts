import { readFileSync } from 'node:fs';
import { openApp } from '../../db/app';

// Child process of the sync benchmark: imports one bundle into the department's store and reports its time
// and this process's peak memory, so the figure is the import's own and not the parent's.

const [dir, bundlePath, fingerprint] = process.argv.slice(2) as [string, string, string];
const app = await openApp({ dataDir: dir, appVersion: 'bench', log: () => undefined });
const dataBase64 = readFileSync(bundlePath).toString('base64');
const start = process.hrtime.bigint();
const res = await app.invoke('sync.import', {
  fileName: 'bench.bfb',
  dataBase64,
  confirmFingerprint: fingerprint,
});
const ms = Number(process.hrtime.bigint() - start) / 1e6;
app.close();
if (!res.ok) throw new Error(res.error.message);
console.log(
  JSON.stringify({
    ms,
    peakMb: process.resourceUsage().maxRSS / 1024,
    records: (res.value as { summary: { new: number } }).summary.new,
  }),
);
