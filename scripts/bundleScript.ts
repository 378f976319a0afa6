import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

/**
 * Bundles a TypeScript script (a path from the repository's root) to one ES module under .cache/<use>/, as
 * the app's own code ships (one bundle per process): a child process starts in a tenth of a second instead
 * of compiling through tsx, and holds no compiler (tsx's added about 40 MB to a bench child's memory).
 * Native packages stay external and resolve from the repository's node_modules.
 */
export const bundleScript = async (entry: string, use: 'test' | 'bench' = 'test'): Promise<string> => {
  const dir = join(ROOT, '.cache', use);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${entry.replace(/\W+/g, '_')}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    // CommonJS dependencies bundled into an ES module still call require.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
};
