// A store worker that starts, then stops (as a crash in native code would end the thread) when the first
// call arrives: the host must answer every waiting call with a typed error, never hang or throw.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'call') process.exit(70);
});
parentPort.postMessage({ type: 'ready', dbPath: '/nowhere/bangfu-ledger.sqlite' });
