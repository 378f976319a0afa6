import { execFileSync } from 'node:child_process';
import { bundleScript } from '../bundleScript';

// Bench children run the code as the app ships it, bundled (as the store's worker is), each script bundled
// once per run: under tsx a child also held the compiler and every module's transpiled source, about 40 MB
// that no installed app carries, in figures such as import.peak_mb and xlsx.peak_mb.

const bundles = new Map<string, Promise<string>>();

const bundled = (script: string): Promise<string> => {
  let bundle = bundles.get(script);
  if (!bundle) {
    bundle = bundleScript(`scripts/bench/${script}`, 'bench');
    bundles.set(script, bundle);
  }
  return bundle;
};

/** Runs a script of scripts/bench in a process of its own; its answer is the JSON of its last line. */
export const runChild = async <T>(script: string, args: string[]): Promise<T> => {
  const out = execFileSync(process.execPath, [await bundled(script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
};

/** Runs a script of scripts/bench in a process of its own that prints its figures itself. */
export const runChildPrinting = async (script: string, args: string[]): Promise<void> => {
  execFileSync(process.execPath, [await bundled(script), ...args], { stdio: 'inherit' });
};
