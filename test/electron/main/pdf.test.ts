import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronPrinter } from '../../../electron/main/pdf';

// The Electron printer against a fake window: the print view it opens, waiting for the view to be ready,
// printing, and always destroying the window. (index.test.ts holds that the window is hidden and sandboxed.)

const fake = vi.hoisted(() => ({
  opened: 0,
  urls: [] as string[],
  readyAfter: 2,
  checks: 0,
  printOptions: [] as unknown[],
  destroyed: 0,
  failPrint: false,
}));

/** A window with its page faked. */
const openWindow = () => {
  fake.opened++;
  return {
    loadURL: (url: string) => {
      fake.urls.push(url);
      return Promise.resolve();
    },
    webContents: {
      executeJavaScript: () => Promise.resolve(++fake.checks > fake.readyAfter),
      printToPDF: (options: unknown) => {
        fake.printOptions.push(options);
        return fake.failPrint
          ? Promise.reject(new Error('printer gone'))
          : Promise.resolve(Buffer.from('%PDF-1.7'));
      },
    },
    destroy: () => {
      fake.destroyed++;
    },
  };
};

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

  it('prints the report’s print view in a window of its own once the view says it is ready', async () => {
    const pdf = await electronPrinter(openWindow as never).print({ kind: 'report', id: REPORT });
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7');
    expect(fake.opened).toBe(1);
    expect(fake.urls).toEqual([`app://bangfu/index.html#print=${REPORT}`]);
    expect(fake.checks).toBe(3);
    expect(fake.printOptions).toEqual([{ preferCSSPageSize: true, printBackground: true }]);
    expect(fake.destroyed).toBe(1);
  });

  it('opens a monthly plan by its agreement and month, and destroys the window when printing fails', async () => {
    fake.failPrint = true;
    await expect(
      electronPrinter(openWindow as never).print({ kind: 'plan', agreementId: REPORT, month: '2023-12' }),
    ).rejects.toThrow('printer gone');
    expect(fake.urls).toEqual([`app://bangfu/index.html#plan=${REPORT}:2023-12`]);
    expect(fake.destroyed).toBe(1);
  });
});
