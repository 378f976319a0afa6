import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentFileName, extensionsOf } from '../../../db/attachments/fileName';

const PNG = 'image/png';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('attachment file names', () => {
  it('keeps an ordinary Chinese name as it is', () => {
    expect(attachmentFileName('图1 培训现场.png', PNG)).toBe('图1 培训现场.png');
    expect(attachmentFileName('签到表（2023.12.14）.docx', DOCX)).toBe('签到表（2023.12.14）.docx');
    expect(attachmentFileName('现场.JPEG', 'image/jpeg')).toBe('现场.jpeg');
  });

  it('removes a bidi override, so 照片\u202egnp.exe cannot pose as a PNG', () => {
    expect(attachmentFileName('照片\u202egnp.exe', PNG)).toBe('照片gnp.png');
    expect(attachmentFileName('a\u2066b\u2069\u200f.png', PNG)).toBe('ab.png');
  });

  it('removes control characters, zero-width characters and lone surrogates', () => {
    expect(attachmentFileName('现\u0000场\u0007\u001b[31m.png', PNG)).toBe('现场[31m.png');
    expect(attachmentFileName('照\u200b片\u200d\ufeff.png', PNG)).toBe('照片.png');
    expect(attachmentFileName('照\ud800片\udc00.png', PNG)).toBe('照片.png');
    expect(attachmentFileName('𠀀字.png', PNG)).toBe('𠀀字.png');
  });

  it('turns names that climb, hide or name a device into plain ones', () => {
    expect(attachmentFileName('..', PNG)).toBe('附件.png');
    expect(attachmentFileName('.', PNG)).toBe('附件.png');
    expect(attachmentFileName('../../etc/passwd', PNG)).toBe('_.._etc_passwd.png');
    expect(attachmentFileName('.bashrc', PNG)).toBe('bashrc.png');
    expect(attachmentFileName('CON.png', PNG)).toBe('_CON.png');
    expect(attachmentFileName('a<b>:c|d?.png', PNG)).toBe('a_b__c_d_.png');
    expect(attachmentFileName('名字. . .', PNG)).toBe('名字.png');
  });

  it('gives the extension of the type found in the content: a PNG named poly.html saves as .png', () => {
    expect(attachmentFileName('poly.html', PNG)).toBe('poly.png');
    expect(attachmentFileName('poly.svg', PNG)).toBe('poly.png');
    expect(attachmentFileName('无扩展名', PNG)).toBe('无扩展名.png');
    expect(attachmentFileName('2023年12月14日.会议纪要', 'application/pdf')).toBe(
      '2023年12月14日.会议纪要.pdf',
    );
    expect(attachmentFileName('签到表.exe', DOCX)).toBe('签到表.docx');
  });

  it('always ends with an extension of the content’s type and holds nothing invisible, whatever the name', () => {
    const mimes = ['image/png', 'image/jpeg', 'application/pdf', DOCX, 'application/x-ole-storage'];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...mimes), (name, mime) => {
        const out = attachmentFileName(name, mime);
        const ext = out.slice(out.lastIndexOf('.') + 1);
        expect(extensionsOf(mime)).toContain(ext);
        expect(out).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\\/]/u);
        expect(out.startsWith('.')).toBe(false);
        expect(out).not.toBe(`.${ext}`);
      }),
      { numRuns: 200 },
    );
  });
});
