import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronBindingPath, nodeGypArgs, packagedBindingPath } from '../../scripts/electron-sqlite';
import {
  browserOpener,
  deferredEcho,
  electronProbeArgs,
  fallbackSentence,
  parseProbeOutput,
  planLaunch,
} from '../../scripts/start';

describe('npm start: Electron or the browser', () => {
  it('falls back to the browser when there is no Electron binary, without trying to build SQLite', () => {
    const build = vi.fn(() => ({ path: '/x.node' }));
    expect(planLaunch(null, build)).toEqual({ mode: 'browser', fallback: { kind: 'no-electron' } });
    expect(build).not.toHaveBeenCalled();
  });

  it('falls back to the browser, saying why, when SQLite cannot be built for Electron', () => {
    expect(planLaunch('/e/electron', () => ({ error: 'node-gyp exited with 1' }))).toEqual({
      mode: 'browser',
      fallback: { kind: 'no-sqlite', detail: 'node-gyp exited with 1' },
    });
  });

  it('starts Electron with the Electron-ABI SQLite build when both are there', () => {
    expect(planLaunch('/e/electron', () => ({ path: '/c/better_sqlite3.node' }))).toEqual({
      mode: 'electron',
      binary: '/e/electron',
      binding: '/c/better_sqlite3.node',
    });
  });

  it('says so in one plain sentence, in Chinese and English', () => {
    const s = fallbackSentence({ kind: 'no-electron' });
    expect(s).toBe(
      '未找到 Electron 程序（无法下载），改为在浏览器中打开：Electron is not available, opening the app in your browser instead.',
    );
    expect(s).not.toContain('\n');
    expect(fallbackSentence({ kind: 'no-sqlite', detail: 'node-gyp exited with 1' })).toMatch(
      /SQLite.*node-gyp exited with 1.*browser/,
    );
  });
});

describe('Electron binary probe', () => {
  it('reads the binary path from its marked line, apart from download messages', () => {
    expect(
      parseProbeOutput(
        'Downloading Electron binary...\n50%\nBANGFU_ELECTRON_PATH=/m/electron/dist/electron\n',
      ),
    ).toEqual({ path: '/m/electron/dist/electron', rest: 'Downloading Electron binary...\n50%\n' });
    expect(parseProbeOutput('Downloading Electron binary...\n').path).toBeNull();
  });

  it('prints the path on success and fails quietly (exit 1, no stack) when electron cannot be loaded', () => {
    const code = electronProbeArgs()[1]!;
    const ok = spawnSync(process.execPath, ['-e', code.replace("require('electron')", "'/opt/electron'")], {
      encoding: 'utf8',
    });
    expect(parseProbeOutput(ok.stdout).path).toBe('/opt/electron');
    const missing = spawnSync(
      process.execPath,
      ['-e', code.replace("require('electron')", "require('no-such-module-bangfu')")],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('');
  });
});

describe('download progress', () => {
  afterEach(() => vi.useRealTimers());

  it('stays silent when the probe ends quickly (an offline machine), and shows a slow download', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const quick = deferredEcho((s) => out.push(s), 3_000);
    quick.push('TypeError: fetch failed\n');
    quick.stop();
    vi.advanceTimersByTime(10_000);
    expect(out).toEqual([]);

    const slow = deferredEcho((s) => out.push(s), 3_000);
    slow.push('Downloading Electron binary...\n');
    vi.advanceTimersByTime(3_000);
    slow.push('42%\n');
    slow.stop();
    expect(out.join('')).toBe('Downloading Electron binary...\n42%\n');
  });
});

describe('SQLite for Electron', () => {
  it('is built outside node_modules, so Node’s build stays for the tests', () => {
    expect(electronBindingPath('/repo', '45.4.1')).toBe(
      '/repo/.cache/electron-sqlite/45.4.1/better_sqlite3.node',
    );
    expect(packagedBindingPath('/repo')).toBe('/repo/.cache/electron-sqlite/current/better_sqlite3.node');
  });

  it('is built by node-gyp against Electron’s headers for Electron’s runtime', () => {
    expect(nodeGypArgs('45.4.1', 'x64')).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--target=45.4.1',
        '--arch=x64',
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
      ]),
    );
  });
});

describe('opening the browser', () => {
  it('uses each platform’s own opener', () => {
    expect(browserOpener('linux')).toEqual(['xdg-open']);
    expect(browserOpener('darwin')).toEqual(['open']);
    expect(browserOpener('win32')).toEqual(['cmd', '/c', 'start', '""']);
  });
});
