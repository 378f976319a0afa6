import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs @doyensec/electronegativity over electron/ and renderer/ together (one tree, so its global CSP check
// sees the page's meta policy) and fails on any finding not justified below. Justifications name the test
// that proves the property the static scan cannot see.

export interface Finding {
  ruleId: string;
  file: string;
  message: string;
}

export const JUSTIFIED: { ruleId: string; file: string; why: string }[] = [
  {
    ruleId: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: "the CSP evaluator warns that script-src 'self' is risky where the origin hosts JSONP or user uploads; app:// and the bridge serve only the built UI files (resolveAppPath / resolveStatic, tested), no uploads",
  },
  {
    ruleId: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'window options come from buildWindowOptions() (contextIsolation: true), which the scanner cannot follow; test/electron/main/window.test.ts and index.test.ts hold them',
  },
  {
    ruleId: 'SANDBOX_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'sandbox: true is set in buildWindowOptions() and app.enableSandbox() runs before ready; test/electron/main/window.test.ts and index.test.ts hold both',
  },
  {
    ruleId: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/index.ts',
    why: "buildWindowOptions() sets disableBlinkFeatures: 'Auxclick', which the scanner cannot follow, and setWindowOpenHandler denies every new window anyway (hardenContents, tested)",
  },
  {
    ruleId: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/security.ts',
    why: 'openExternal receives only http(s) URLs without credentials, parsed and re-serialised by the WHATWG parser (externalWebUrl, tested)',
  },
];

/** The justification for a finding, or undefined: a finding without one fails the scan. */
export const justification = (f: Finding): string | undefined =>
  JUSTIFIED.find((j) => j.ruleId === f.ruleId && f.file.replaceAll('\\', '/').endsWith(j.file))?.why;

const root = resolve(import.meta.dirname, '..');

interface Sarif {
  runs: {
    results: {
      ruleId: string;
      message: { text: string };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[];
  }[];
}

export const findingsOf = (sarif: Sarif): Finding[] =>
  sarif.runs.flatMap((r) =>
    r.results.map((x) => ({
      ruleId: x.ruleId,
      file: x.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
      message: x.message.text,
    })),
  );

/** Scans a copy of electron/ and renderer/ (offline: the tool needs no network) and returns its findings. */
const scan = (): Finding[] => {
  const require = createRequire(import.meta.url);
  const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const work = mkdtempSync(join(tmpdir(), 'bangfu-electronegativity-'));
  try {
    for (const dir of ['electron', 'renderer']) {
      if (existsSync(join(root, dir))) cpSync(join(root, dir), join(work, 'src', dir), { recursive: true });
    }
    const out = join(work, 'result.sarif');
    const run = spawnSync(
      process.execPath,
      [cli, '-i', join(work, 'src'), '-o', out, '-r', '-e', electronVersion],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (!existsSync(out)) {
      console.error(run.stdout, run.stderr);
      throw new Error('electronegativity produced no report');
    }
    return findingsOf(JSON.parse(readFileSync(out, 'utf8')) as Sarif);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const findings = scan();
  let open = 0;
  for (const f of findings) {
    const why = justification(f);
    if (!why) open++;
    console.log(`${why ? 'justified' : 'FINDING  '} ${f.ruleId} ${f.file} — ${why ?? f.message}`);
  }
  console.log(`electronegativity: ${findings.length} findings, ${open} not justified`);
  if (open > 0) process.exitCode = 1;
}
