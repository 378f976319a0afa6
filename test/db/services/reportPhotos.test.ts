import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../electron/shared/contract';
import { readZip } from '../../../db/zip/readZip';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { solidPng } from '../../helpers/images';
import { exportFrom, importInto, openDepartment } from '../../helpers/sync';

// Evidence photos in the annual report (issue 14, item 4): chosen from the year's attachments for one part,
// captioned, ordered, numbered 图 1, 图 2 … through the report.

let t: TestApp;
let agreementId: string;
let training: string;
let report: ReportDocument;

const attach = async (entityId: string, fileName: string, bytes: Buffer, entityTable = 'activities') =>
  t.call('attachments.add', {
    entityTable: entityTable as 'activities',
    entityId,
    fileName,
    dataBase64: bytes.toString('base64'),
  });

const activity = async (title: string, startDate: string) =>
  (await t.call('activities.create', { agreementId, type: '培训', title, startDate })).id;

const docxFiles = async (reportId: string) => {
  const out = await t.call('reports.export', { reportId, format: 'docx' });
  return readZip(Buffer.from(out.dataBase64, 'base64'), {
    entries: 100,
    totalBytes: 50e6,
    ratioFloorBytes: 1e6,
    ratio: 10_000,
  });
};
const mediaOf = (files: Map<string, Buffer>) => [...files.keys()].filter((k) => k.startsWith('word/media/'));

const photosOf = (doc: ReportDocument) =>
  doc.sections.flatMap((s) => s.photos.map((p) => `${s.key} 图 ${p.number} ${p.caption}`));

beforeEach(async () => {
  t = await openTestApp();
  agreementId = (await seedAgreement(t)).agreement.id;
  training = await activity('创新强校工程规划论证', '2023-06-10');
  report = await t.call('reports.open', { agreementId, year: 2023, template: 'seed001' });
});
afterEach(() => t.close());

describe('report photos', () => {
  it("offers the images of the year's records only, with their record and date", async () => {
    const signing = await attach(training, '专家签名.png', solidPng(40, 30));
    await attach(training, '签到表.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const lastYear = await activity('2022 年的培训', '2022-11-01');
    await attach(lastYear, '去年.png', solidPng(10, 10, [1, 2, 3]));
    const onAgreement = await attach(agreementId, '签约仪式.png', solidPng(20, 10, [9, 9, 9]), 'agreements');
    const choices = await t.call('reports.photoChoices', { reportId: report.reportId });
    expect(choices.map((c) => [c.attachmentId, c.recordTitle, c.date])).toEqual([
      [signing.id, '创新强校工程规划论证', '2023-06-10'],
      [onAgreement.id, '结对帮扶协议（2021—2025 年）', null],
    ]);
  });

  it('numbers the photos through the report in the order of its parts, and follows a reorder', async () => {
    const a = await attach(training, 'a.png', solidPng(10, 10, [1, 1, 1]));
    const b = await attach(training, 'b.png', solidPng(10, 10, [2, 2, 2]));
    const c = await attach(training, 'c.png', solidPng(10, 10, [3, 3, 3]));
    const add = (sectionKey: string, attachmentId: string, caption: string) =>
      t.call('reports.addPhoto', { reportId: report.reportId, sectionKey, attachmentId, caption });
    await add('next', c.id, '下一阶段规划');
    await add('progress', a.id, '创新强校论证专家签名');
    let doc = await add('progress', b.id, '论证会现场');
    expect(photosOf(doc)).toEqual([
      'progress 图 1 创新强校论证专家签名',
      'progress 图 2 论证会现场',
      'next 图 3 下一阶段规划',
    ]);
    const second = doc.sections.find((s) => s.key === 'progress')!.photos[1]!;
    doc = await t.call('reports.movePhoto', { id: second.id, offset: -1 });
    doc = await t.call('reports.captionPhoto', { id: second.id, caption: '论证会现场（6 月 10 日）' });
    expect(photosOf(doc)).toEqual([
      'progress 图 1 论证会现场（6 月 10 日）',
      'progress 图 2 创新强校论证专家签名',
      'next 图 3 下一阶段规划',
    ]);
    doc = await t.call('reports.removePhoto', { id: second.id });
    expect(photosOf(doc)).toEqual(['progress 图 1 创新强校论证专家签名', 'next 图 2 下一阶段规划']);
    // The model names each photo; its bytes are fetched by id, never carried in the report.
    expect(JSON.stringify(doc).length).toBeLessThan(JSON.stringify(report).length + 2000);
  });

  it('refuses an image from outside the year, the same photo twice in a part, and the 汇总表', async () => {
    const old = await attach(await activity('旧活动', '2022-03-01'), 'old.png', solidPng(5, 5));
    const ok = await attach(training, 'ok.png', solidPng(6, 6));
    const add = (sectionKey: string, attachmentId: string) =>
      t.app.invoke('reports.addPhoto', {
        reportId: report.reportId,
        sectionKey,
        attachmentId,
        caption: '图',
      });
    expect(await add('progress', old.id)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await add('summary', ok.id)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await add('progress', ok.id)).toMatchObject({ ok: true });
    expect(await add('progress', ok.id)).toMatchObject({
      ok: false,
      error: { message: '这张图片已在这一部分中' },
    });
    expect(
      await t.app.invoke('reports.addPhoto', {
        reportId: report.reportId,
        sectionKey: 'progress',
        attachmentId: ok.id,
        caption: '  ',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('leaves out a photo whose attachment was removed, names it on screen, and lets it be taken out', async () => {
    const gone = await attach(training, 'gone.png', solidPng(8, 8, [5, 5, 5]));
    const kept = await attach(training, 'kept.png', solidPng(8, 8, [6, 6, 6]));
    for (const [id, caption] of [
      [gone.id, '已删除的照片'],
      [kept.id, '留下的照片'],
    ] as const)
      await t.call('reports.addPhoto', {
        reportId: report.reportId,
        sectionKey: 'progress',
        attachmentId: id,
        caption,
      });
    await t.call('attachments.remove', { id: gone.id });
    let doc = await t.call('reports.get', { id: report.reportId });
    const progress = doc.sections.find((s) => s.key === 'progress')!;
    expect(photosOf(doc)).toEqual(['progress 图 1 留下的照片']);
    expect(progress.missingPhotos).toEqual([
      { id: expect.any(String), caption: '已删除的照片', reason: 'deleted' },
    ]);
    const files = await docxFiles(report.reportId);
    expect(mediaOf(files)).toHaveLength(1);
    const text = files
      .get('word/document.xml')!
      .toString('utf8')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain('图 1\u3000留下的照片');
    expect(text).not.toContain('已删除的照片');
    doc = await t.call('reports.removePhoto', { id: progress.missingPhotos[0]!.id });
    expect(doc.sections.find((s) => s.key === 'progress')!.missingPhotos).toEqual([]);
  });

  it('leaves out a photo whose file is not on this PC, and says so on screen', async () => {
    const photo = await attach(training, 'p.png', solidPng(9, 9, [7, 7, 7]));
    await t.call('reports.addPhoto', {
      reportId: report.reportId,
      sectionKey: 'progress',
      attachmentId: photo.id,
      caption: '文件缺失的照片',
    });
    rmSync(join(t.dir, 'attachments', photo.sha256.slice(0, 2), photo.sha256));
    const doc = await t.call('reports.get', { id: report.reportId });
    expect(photosOf(doc)).toEqual([]);
    expect(doc.sections.find((s) => s.key === 'progress')!.missingPhotos).toEqual([
      { id: expect.any(String), caption: '文件缺失的照片', reason: 'fileMissing' },
    ]);
    expect(mediaOf(await docxFiles(report.reportId))).toEqual([]);
  });

  it('embeds each photo in the Word file, sized to the page, with its numbered caption under it', async () => {
    const wide = await attach(training, '专家签名.png', solidPng(1600, 1200));
    const small = await attach(training, '小图.png', solidPng(200, 100, [10, 120, 10]));
    for (const [id, caption] of [
      [wide.id, '创新强校论证专家签名'],
      [small.id, '论证会现场'],
    ] as const)
      await t.call('reports.addPhoto', {
        reportId: report.reportId,
        sectionKey: 'progress',
        attachmentId: id,
        caption,
      });
    const files = await docxFiles(report.reportId);
    expect(mediaOf(files)).toHaveLength(2);
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('图 1\u3000创新强校论证专家签名');
    expect(text).toContain('图 2\u3000论证会现场');
    // The large photo fits 14 × 10 cm (EMU: 914400 per inch); the small one keeps its own size.
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(extents).toHaveLength(2);
    const [big, little] = extents as [number[], number[]];
    expect(big[1]! / 360000).toBeCloseTo(10, 0);
    expect(big[0]! / big[1]!).toBeCloseTo(4 / 3, 2);
    expect(little).toEqual([200 * 9525, 100 * 9525]);
    expect(xml.indexOf('创新强校论证专家签名')).toBeGreaterThan(xml.indexOf('<w:drawing>'));
  });

  it('carries the chosen photos, their captions and order to the department with the report', async () => {
    const dept = await openDepartment();
    try {
      const photo = await attach(training, '专家签名.png', solidPng(30, 20));
      let doc = await t.call('reports.addPhoto', {
        reportId: report.reportId,
        sectionKey: 'progress',
        attachmentId: photo.id,
        caption: '创新强校论证专家签名',
      });
      await importInto(dept, (await exportFrom(t)).bytes);
      expect(photosOf(await dept.call('reports.get', { id: report.reportId }))).toEqual([
        'progress 图 1 创新强校论证专家签名',
      ]);
      const linkId = doc.sections.find((s) => s.key === 'progress')!.photos[0]!.id;
      doc = await t.call('reports.captionPhoto', { id: linkId, caption: '专家签名（2023 年 6 月）' });
      await importInto(dept, (await exportFrom(t)).bytes);
      const there = await dept.call('reports.get', { id: report.reportId });
      expect(photosOf(there)).toEqual(photosOf(doc));
      expect((await dept.call('attachments.read', { id: photo.id })).dataBase64).toBe(
        solidPng(30, 20).toString('base64'),
      );
    } finally {
      dept.close();
    }
  });
});
