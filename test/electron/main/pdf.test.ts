import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron printer against a fake BrowserWindow: the hidden window's options, the print view it opens,
// waiting for the view to be ready, printing, and always destroying the window.

const fake = vi.hoisted(() => ({
  options: [] as unknown[],
  urls: [] as string[],
  readyAfter: 2,
  checks: 0,
  printOptions: [] as unknown[],
  destroyed: 0,
  failPrint: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    constructor(options: unknown) {
      fake.options.push(options);
    }
    loadURL = (url: string) => {
      fake.urls.push(url);
      return Promise.resolve();
    };
    webContents = {
      executeJavaScript: () => Promise.resolve(++fake.checks > fake.readyAfter),
      printToPDF: (options: unknown) => {
        fake.printOptions.push(options);
        return fake.failPrint
          ? Promise.reject(new Error('printer gone'))
          : Promise.resolve(Buffer.from('%PDF-1.7'));
      },
    };
    destroy = () => {
      fake.destroyed++;
    };
  }
  return { BrowserWindow };
});

const { electronPrinter } = await import('../../../electron/main/pdf');

const REPORT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('Electron PDF printer', () => {
  beforeEach(() => {
    Object.assign(fake, {
      options: [],
      urls: [],
      checks: 0,
      printOptions: [],
      destroyed: 0,
      failPrint: false,
    });
  });

  it('prints the report’s print view in a hidden, sandboxed window once the view says it is ready', async () => {
    const pdf = await electronPrinter('/app/preload.cjs').print({ kind: 'report', id: REPORT });
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7');
    const options = fake.options[0] as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(fake.urls).toEqual([`app://bangfu/index.html#print=${REPORT}`]);
    expect(fake.checks).toBe(3);
    expect(fake.printOptions).toEqual([{ preferCSSPageSize: true, printBackground: true }]);
    expect(fake.destroyed).toBe(1);
  });

  it('opens a monthly plan by its agreement and month, and destroys the window when printing fails', async () => {
    fake.failPrint = true;
    await expect(
      electronPrinter('/app/preload.cjs').print({ kind: 'plan', agreementId: REPORT, month: '2023-12' }),
    ).rejects.toThrow('printer gone');
    expect(fake.urls).toEqual([`app://bangfu/index.html#plan=${REPORT}:2023-12`]);
    expect(fake.destroyed).toBe(1);
  });
});
