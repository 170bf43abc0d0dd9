import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeletedTextRun, Document, Packer, Paragraph, SimpleField, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { buildDocx, buildDocxWithMargins, buildPdf, buildStoredZip, buildXlsx } from './fixtures/documents.ts';
import { makeCard, makeId18 } from './fixtures/numbers.ts';
import { extractText } from './extractText.ts';
import { privacyScanCommand, scanFile } from './scanFile.ts';
import type { Finding } from './types.ts';

const ID = makeId18('220202', '19850612', '123');
const CARD = makeCard('622202', 16);
const utf8 = (text: string) => new TextEncoder().encode(text);

function kindsAndTexts(findings: Finding[]): Array<[string, string]> {
  return findings.map((f) => [f.kind, f.text]);
}

/** Offsets must point into the extracted text, not into the file's bytes. */
async function expectOffsetsInText(fileName: string, bytes: Uint8Array, findings: Finding[]): Promise<void> {
  const { text } = await extractText({ fileName, bytes });
  for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
}

describe('extractText and scanFile', () => {
  it('reads a .docx, paragraphs and table cells', async () => {
    const bytes = await buildDocx(['低保公示名单', `户主张三 身份证${ID}`], [['姓名', '电话'], ['李四', '13812345678']]);
    const extracted = await extractText({ fileName: '公示.docx', bytes });
    expect(extracted.kind).toBe('docx');
    expect(extracted.text).toContain('低保公示名单');
    const { findings } = await scanFile({ fileName: '公示.docx', bytes });
    expect(kindsAndTexts(findings)).toEqual([['id_card', ID], ['mobile', '13812345678']]);
    await expectOffsetsInText('公示.docx', bytes, findings);
  });

  it('reads the header, footer and footnotes of a .docx too', async () => {
    const bytes = await buildDocxWithMargins('页眉 联系人：13812345678', `页脚 卡号${CARD}`, `脚注 身份证 ${ID}`);
    const { text } = await extractText({ fileName: 'm.docx', bytes });
    expect(text.startsWith('正文 & <说明>\n\n')).toBe(true);
    const { findings } = await scanFile({ fileName: 'm.docx', bytes });
    expect(findings.map((f) => f.kind).sort()).toEqual(['bank_card', 'id_card', 'mobile']);
    await expectOffsetsInText('m.docx', bytes, findings);
  });

  it('reads what Word hides from the body: tracked deletions, field codes and document properties', async () => {
    const doc = new Document({
      creator: `经办人 13987654321`,
      sections: [{
        children: [
          new Paragraph({ children: [new TextRun('领款人：'), new DeletedTextRun({ text: `身份证 ${ID}`, id: 1, author: '张三', date: '2026-11-01T00:00:00Z' })] }),
          new Paragraph({ children: [new SimpleField(`HYPERLINK "tel:${CARD}"`, '拨打')] }),
        ],
      }],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const { findings } = await scanFile({ fileName: 'tracked.docx', bytes });
    expect(findings.map((f) => f.text).sort()).toEqual([ID, '13987654321', CARD].sort());
    await expectOffsetsInText('tracked.docx', bytes, findings);
  });

  it('reads the cell notes and properties of an .xlsx, not only its cells', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.company = `联系 13812345678`;
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '备注']);
    sheet.addRow(['王五', '已核实']);
    sheet.getCell('B2').note = `身份证 ${ID}`;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { text } = await extractText({ fileName: 'notes.xlsx', bytes });
    expect(text.startsWith('姓名\t备注\n王五\t已核实\n\n')).toBe(true);
    const { findings } = await scanFile({ fileName: 'notes.xlsx', bytes });
    expect(findings.map((f) => f.text).sort()).toEqual([ID, '13812345678'].sort());
  });

  it('reads every sheet of an .xlsx, one line per row, cells tab-separated', async () => {
    const bytes = await buildXlsx({
      名单: [['序号', '姓名', '身份证号', '发放日期'], [1, '王五', ID, new Date(Date.UTC(2026, 8, 28))]],
      账户: [['银行卡号', null, '备注'], [CARD, null, '已核实']],
    });
    const extracted = await extractText({ fileName: 'x.xlsx', bytes });
    expect(extracted).toEqual({
      kind: 'xlsx',
      text: `序号\t姓名\t身份证号\t发放日期\n1\t王五\t${ID}\t2026-09-28\n\n银行卡号\t\t备注\n${CARD}\t\t已核实`,
    });
    const { findings } = await scanFile({ fileName: 'x.xlsx', bytes });
    expect(kindsAndTexts(findings)).toEqual([['id_card', ID], ['bank_card', CARD]]);
  });

  it('counts a merged cell once', async () => {
    const bytes = await buildXlsx({ 表: [['13812345678', null], ['a', 'b']] }, 'A1:B1');
    const { text } = await extractText({ fileName: 'm.xlsx', bytes });
    expect(text).toBe('13812345678\t\na\tb');
  });

  it('reads the text layer of a PDF with Chinese text', async () => {
    const bytes = await buildPdf([['居务公开：最低生活保障对象公示'], [`申请人：赵六，身份证号：${ID}`, '联系电话：139 1234 5678']]);
    const extracted = await extractText({ fileName: 'p.pdf', bytes });
    expect(extracted.kind).toBe('pdf');
    expect(extracted.text).toContain('最低生活保障对象公示');
    const { findings } = await scanFile({ fileName: 'p.pdf', bytes });
    expect(kindsAndTexts(findings)).toEqual([['id_card', ID], ['mobile', '139 1234 5678']]);
    await expectOffsetsInText('p.pdf', bytes, findings);
  });

  it('sniffs the content, not the file name', async () => {
    const text = `身份证${ID}`;
    expect(await extractText({ fileName: '伪装.pdf', bytes: utf8(text) })).toEqual({ kind: 'text', text });
    const docx = await buildDocx(['正文'], [['x']]);
    expect((await extractText({ fileName: '伪装.txt', bytes: docx })).kind).toBe('docx');
  });

  it('decodes UTF-8 with BOM, UTF-16 with BOM and GB18030 text', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('电话13812345678')]);
    expect((await extractText({ fileName: 'a.txt', bytes: bom })).text).toBe('电话13812345678');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('电话13812345678', 'utf16le')]);
    expect((await extractText({ fileName: 'b.txt', bytes: utf16 })).text).toBe('电话13812345678');
    const gbk = new Uint8Array([0xb5, 0xe7, 0xbb, 0xb0, ...utf8('13812345678')]); // 电话 in GBK
    expect((await extractText({ fileName: 'c.txt', bytes: gbk })).text).toBe('电话13812345678');
  });

  it('reads an empty file as empty text', async () => {
    expect(await extractText({ fileName: 'e.txt', bytes: new Uint8Array() })).toEqual({ kind: 'text', text: '' });
  });
});

describe('extractText refusals', () => {
  it.each([
    ['old Word', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], /旧版 Office/],
    ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /图片/],
    ['JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], /图片/],
    ['unknown binary', [0x01, 0x02, 0x00, 0x7f, 0x00, 0x00], /文件格式无法识别/],
    ['invalid text encoding', [0xff, 0xff, 0xff, 0x41], /文本编码无法识别/],
  ])('rejects %s with a Chinese message', async (_name, bytes, message) => {
    await expect(extractText({ fileName: 'f.bin', bytes: new Uint8Array(bytes) })).rejects.toThrow(message);
  });

  it('rejects ZIP files that are neither .docx nor .xlsx', async () => {
    const plainZip = buildStoredZip({ 'readme.txt': '13812345678' });
    await expect(extractText({ fileName: 'a.zip', bytes: plainZip })).rejects.toThrow(/压缩包/);
    const ofd = buildStoredZip({ 'OFD.xml': '<ofd/>' });
    await expect(extractText({ fileName: 'a.ofd', bytes: ofd })).rejects.toThrow(/OFD/);
  });

  it('reports a damaged .docx or PDF in Chinese', async () => {
    const fakeDocx = buildStoredZip({ 'word/document.xml': 'not xml' });
    await expect(extractText({ fileName: 'bad.docx', bytes: fakeDocx })).rejects.toThrow(/文件已损坏/);
    await expect(extractText({ fileName: 'bad.pdf', bytes: utf8('%PDF-1.7\n garbage') })).rejects.toThrow(/文件已损坏/);
  });
});

describe('privacyScanCommand', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-privacy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scans a file on disk and returns JSON-ready findings', async () => {
    const path = join(dir, '名单.xlsx');
    await writeFile(path, await buildXlsx({ 表: [['张三', '13812345678']] }));
    const result = await privacyScanCommand(path);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      findings: [{ kind: 'mobile', text: '13812345678', start: 3, end: 14, masked: '138****5678' }],
    });
  });

  it('says in Chinese when the file cannot be read', async () => {
    await expect(privacyScanCommand(join(dir, '不存在.txt'))).rejects.toThrow(/文件不存在/);
  });
});
