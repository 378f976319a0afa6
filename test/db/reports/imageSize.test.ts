import { describe, expect, it } from 'vitest';
import { fitInto, imageSize } from '../../../db/reports/render/imageSize';
import { solidPng } from '../../helpers/images';

const segment = (marker: number, body: number[]) => [0xff, marker, 0, body.length + 2, ...body];

/** A JPEG's markers up to its frame header, as a camera writes them (APP0, a table, then SOF). */
const jpegHead = (width: number, height: number, frame = 0xc0) =>
  Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xc4, [0, 0, 0]),
    0xff, // fill byte before a marker
    ...segment(frame, [8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0]),
  ]);

describe('image size', () => {
  it('reads the size of a PNG, a GIF and a JPEG (baseline or progressive) from their headers', () => {
    expect(imageSize('image/png', solidPng(640, 480))).toEqual({ width: 640, height: 480 });
    const gif = Buffer.from([...Buffer.from('GIF89a'), 0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    expect(imageSize('image/gif', gif)).toEqual({ width: 800, height: 600 });
    expect(imageSize('image/jpeg', jpegHead(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize('image/jpeg', jpegHead(400, 300, 0xc2))).toEqual({ width: 400, height: 300 });
  });

  it('gives no size for a cut or foreign file, so the caption still prints', () => {
    expect(imageSize('image/jpeg', jpegHead(400, 300).subarray(0, 20))).toBeNull();
    expect(imageSize('image/png', Buffer.from('not a png'))).toBeNull();
    expect(imageSize('image/webp', solidPng(10, 10))).toBeNull();
  });

  it('scales a photo down into the box keeping its shape, and never up', () => {
    expect(fitInto({ width: 4032, height: 3024 }, { width: 529, height: 378 })).toEqual({
      width: 504,
      height: 378,
    });
    expect(fitInto({ width: 3000, height: 1000 }, { width: 529, height: 378 })).toEqual({
      width: 529,
      height: 176,
    });
    expect(fitInto({ width: 200, height: 100 }, { width: 529, height: 378 })).toEqual({
      width: 200,
      height: 100,
    });
  });
});
