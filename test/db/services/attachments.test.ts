import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../electron/shared/schemas/attachments';
import { maxSeq, openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// The smallest valid PNG: a 1x1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let t: TestApp;
let activityId: string;
beforeEach(async () => {
  t = await openTestApp();
  const { agreement } = await seedAgreement(t);
  activityId = (
    await t.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
    })
  ).id;
});
afterEach(() => t.close());

const add = (fileName: string, bytes: Buffer) =>
  t.app.invoke('attachments.add', {
    entityTable: 'activities',
    entityId: activityId,
    fileName,
    dataBase64: bytes.toString('base64'),
  });

describe('attachments', () => {
  it('stores a photo by its hash outside the database, once however often it is added, and counts it as evidence', async () => {
    const first = await add('图1 培训现场.png', PNG);
    const second = await add('同一张照片.png', PNG);
    expect(first).toMatchObject({ ok: true, value: { mime: 'image/png', size: PNG.length } });
    const sha = first.ok ? (first.value as { sha256: string }).sha256 : '';
    expect(second.ok && (second.value as { sha256: string }).sha256).toBe(sha);
    const dir = join(t.dir, 'attachments', sha.slice(0, 2));
    expect(readdirSync(dir)).toEqual([sha]);
    expect((await t.call('activities.get', { id: activityId })).evidenceCount).toBe(2);
    expect((await t.call('activities.list', { hasEvidence: true })).total).toBe(1);
  });

  it('saves a PNG named poly.html as poly.png, and a bidi-spoofed name without its override', async () => {
    const poly = await add('poly.html', PNG);
    expect(poly).toMatchObject({ ok: true, value: { fileName: 'poly.png', mime: 'image/png' } });
    const spoof = await add('照片\u202egnp.exe', PNG);
    expect(spoof).toMatchObject({ ok: true, value: { fileName: '照片gnp.png' } });
    const id = poly.ok ? (poly.value as { id: string }).id : '';
    expect((await t.call('attachments.read', { id })).fileName).toBe('poly.png');
    const stored = t.raw().prepare('SELECT file_name FROM attachments ORDER BY created_at').pluck().all();
    expect(stored).toEqual(['poly.png', '照片gnp.png']);
  });

  it('refuses a non-image renamed .jpg, an unknown type, an empty file and one over the limit, recording nothing', async () => {
    const before = maxSeq(t.raw());
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await add('签到表.jpg', docx)).toMatchObject({
      ok: false,
      error: { message: '“签到表.jpg”不是图片文件，内容与扩展名不符' },
    });
    expect(await add('run.exe', Buffer.from('MZ\x90\x00 this is not evidence'))).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/不支持的文件类型/) },
    });
    expect(await add('空.png', Buffer.alloc(0))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    expect(await add('大图.png', big)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/过大.*不能超过 10.0 MB/) },
    });
    expect(maxSeq(t.raw())).toBe(before);
    expect(existsSync(join(t.dir, 'attachments'))).toBe(false);
  });

  it('accepts a Word document by its real type and removes an attachment from its record', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    const res = await add('实施方案.docx', docx);
    expect(res).toMatchObject({ ok: true, value: { mime: expect.stringMatching(/wordprocessingml/) } });
    const id = res.ok ? (res.value as { id: string }).id : '';
    await t.call('attachments.remove', { id });
    expect(await t.call('attachments.list', { entityTable: 'activities', entityId: activityId })).toEqual([]);
    expect(await t.app.invoke('attachments.read', { id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads back the stored bytes for a thumbnail, and names a blob missing from the attachments folder', async () => {
    const res = await add('图1 培训现场.png', PNG);
    const { id, sha256 } = res.ok ? (res.value as { id: string; sha256: string }) : { id: '', sha256: '' };
    expect(await t.call('attachments.read', { id })).toEqual({
      fileName: '图1 培训现场.png',
      mime: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    rmSync(join(t.dir, 'attachments', sha256.slice(0, 2), sha256));
    expect(await t.app.invoke('attachments.read', { id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/文件缺失/) },
    });
  });

  it('refuses an attachment for a record that does not exist, or a file name with a path', async () => {
    const res = await t.app.invoke('attachments.add', {
      entityTable: 'activities',
      entityId: '0192f3a4-b5c6-7d8e-9f01-23456789abcd',
      fileName: 'a.png',
      dataBase64: PNG.toString('base64'),
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await add('../../etc/passwd.png', PNG)).toMatchObject({
      ok: false,
      error: { fields: { fileName: '文件名不能包含路径' } },
    });
  });
});
