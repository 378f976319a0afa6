import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBridge, launchChromium } from '../helpers/browser';
import { caller, tempDir } from '../helpers/db';
import { seed004Year } from '../helpers/reports';

// Issue 14's PDF: the first 导出 PDF after start works, and the 汇总表's landscape page holds the whole table
// on white paper (no column cut off at the right, no block of the app's grey background).

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Raster {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
}

/** One page of a PDF as pixels, through pdftoppm's binary PPM (P6) output. */
const rasterPage = (pdf: string, page: number, dpi: number): Raster => {
  const { dir, cleanup } = tempDir('bangfu-ppm-');
  try {
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      pdf,
      join(dir, 'p'),
    ]);
    const bytes = readFileSync(join(dir, readdirSync(dir)[0]!));
    // Header: "P6\n<width> <height>\n<max>\n", then RGB triples.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const body = bytes.subarray(header[0].length);
    return {
      width,
      height,
      at: (x, y) => {
        const i = (y * width + x) * 3;
        return [body[i]!, body[i + 1]!, body[i + 2]!];
      },
    };
  } finally {
    cleanup();
  }
};

const dark = ([r, g, b]: [number, number, number]) => r + g + b < 3 * 110;
/** The app's background, --bg: #f5f6f8. */
const appGrey = ([r, g, b]: [number, number, number]) =>
  Math.abs(r - 0xf5) <= 2 && Math.abs(g - 0xf6) <= 2 && Math.abs(b - 0xf8) <= 2;

/** The longest run of dark pixels down column x. */
const darkRun = (img: Raster, x: number) => {
  let best = { top: 0, bottom: -1 };
  let start = -1;
  for (let y = 0; y <= img.height; y++) {
    const isDark = y < img.height && dark(img.at(x, y));
    if (isDark && start < 0) start = y;
    if (!isDark && start >= 0) {
      if (y - 1 - start > best.bottom - best.top) best = { top: start, bottom: y - 1 };
      start = -1;
    }
  }
  return best;
};

describe('the report as PDF, end to end', () => {
  it('exports on the first try after start, with the 汇总表 whole on a white landscape page', async () => {
    await inBridge(browser, async (bridge, page) => {
      const call = caller(bridge.app);
      await call('app.setup', {
        mode: 'site',
        siteName: '揭阳职院帮扶办',
        institution: { name: '揭阳职业技术学院', kind: '高职院校' },
      });
      await seed004Year({ call });
      await page.reload();
      await page.getByRole('button', { name: '工作报告' }).click();
      const reports = page.getByTestId('reports');
      await reports.getByLabel('范围').selectOption({ label: '结对帮扶协议（2021—2025 年）' });
      await reports.getByLabel('年度').fill('2023');
      await reports.getByRole('button', { name: '生成报告' }).click();
      await expect.poll(() => page.getByTestId('report-paper').isVisible()).toBe(true);

      // The first PDF of this bridge also starts its printing browser: it must still arrive.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 180_000 }),
        reports.getByRole('button', { name: '导出 PDF' }).click(),
      ]);
      const pdf = await download.path();
      const info = execFileSync('pdfinfo', ['-l', '20', pdf], { encoding: 'utf8' });
      const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
        page: Number(m[1]),
        landscape: Number(m[2]) > Number(m[3]),
      }));
      const landscape = sizes.filter((s) => s.landscape).map((s) => s.page);
      expect(landscape.length).toBeGreaterThan(0);
      expect(sizes.filter((s) => !s.landscape).length).toBeGreaterThan(0);

      for (const n of [sizes[0]!.page, ...landscape]) {
        const img = rasterPage(pdf, n, 60);
        // No large area of any page is the app's grey background.
        let grey = 0;
        for (let y = 0; y < img.height; y += 2)
          for (let x = 0; x < img.width; x += 2) if (appGrey(img.at(x, y))) grey++;
        expect(grey / ((img.width / 2) * (img.height / 2))).toBeLessThan(0.005);
      }

      const img = rasterPage(pdf, landscape[0]!, 60);
      // The table's borders are the long vertical dark lines: the leftmost and the rightmost one.
      const lines: number[] = [];
      for (let x = 0; x < img.width; x++) {
        const run = darkRun(img, x);
        if (run.bottom - run.top > img.height * 0.2) lines.push(x);
      }
      expect(lines.length).toBeGreaterThan(2);
      const left = lines[0]!;
      const right = lines[lines.length - 1]!;
      const { top, bottom } = darkRun(img, left);
      // The right border lies inside the page, clear of its edge (20 mm margins: about 47 px at 60 dpi)…
      expect(right).toBeLessThan(img.width - 20);
      expect(right - left).toBeGreaterThan(img.width * 0.7);
      // …and not one pixel of it is missing from the table's top to its bottom.
      const missing: number[] = [];
      for (let y = top; y <= bottom; y++)
        if (![right - 1, right, right + 1].some((x) => dark(img.at(x, y)))) missing.push(y);
      expect(missing).toEqual([]);
    });
  }, 300_000);
});
