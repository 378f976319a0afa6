import { runWriteBench } from './write';

// `npm run bench`: every figure on its own line as `bench: <name> = <value> <unit>`.
console.log(`Bangfu Ledger benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
await runWriteBench();
