/** The synthetic catalog as .xlsx (exceljs) and .docx (docx), both with merged cells like real templates. */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPECTED_ITEMS, ROWS, TITLE, withoutSource } from './fixtures.ts';
import { parseCatalogFile } from './index.ts';

const TOP = ['序号', '公开事项', '公开事项', '公开事项', '公开内容', '公开依据', '公开主体', '公开时限', '公开渠道', '公开对象', '公开对象', '公开方式', '公开方式', '公开层级'];
const SUB = ['', '领域', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群体', '主动', '依申请', ''];

async function buildXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('填表说明').addRow(['本表由街道办事处统一下发，请各社区按实际填写。']);
  const sheet = workbook.addWorksheet('目录');
  sheet.addRow([TITLE]);
  sheet.mergeCells('A1:N1');
  sheet.addRow(TOP.map((label, i) => (TOP.indexOf(label) === i ? label : null)));
  sheet.addRow(SUB.map((label) => label || null));
  for (const row of ROWS) sheet.addRow(row.map((cell) => cell || null));
  sheet.mergeCells('B2:D2');
  sheet.mergeCells('J2:K2');
  sheet.mergeCells('L2:M2');
  for (const col of ['A', 'E', 'F', 'G', 'H', 'I', 'N']) sheet.mergeCells(`${col}2:${col}3`);
  // 领域 and 一级事项 of items 1 and 2 are merged cells, as in the district templates.
  sheet.mergeCells('B4:B5');
  sheet.mergeCells('C4:C5');
  sheet.getCell('E4').value = { richText: [{ text: '1. 初审对象名单；' }, { text: '2. 低保对象名单' }] };
  sheet.addRow(['注：本目录由街道办事处统一制定。']);
  sheet.mergeCells('A7:N7');
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const cell = (text: string, span: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...span });

async function buildDocx(): Promise<Uint8Array> {
  const header = [
    new TableRow({
      children: [
        cell('序号', { rowSpan: 2 }), cell('公开事项', { columnSpan: 3 }),
        ...['公开内容', '公开依据', '公开主体', '公开时限', '公开渠道'].map((t) => cell(t, { rowSpan: 2 })),
        cell('公开对象', { columnSpan: 2 }), cell('公开方式', { columnSpan: 2 }), cell('公开层级', { rowSpan: 2 }),
      ],
    }),
    new TableRow({ children: ['领域', '一级事项', '二级事项', '全社会', '特定群体', '主动', '依申请'].map((t) => cell(t)) }),
  ];
  const [first, second, third] = ROWS as [string[], string[], string[]];
  const legal = '《社会救助暂行办法》\n《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》';
  const data = [
    new TableRow({
      children: first.map((text, i) => (i === 1 || i === 2 ? cell(text, { rowSpan: 2 }) : cell(i === 5 ? legal : text))),
    }),
    new TableRow({ children: second.filter((_, i) => i !== 1 && i !== 2).map((text) => cell(text)) }),
    new TableRow({ children: third.map((text) => cell(text)) }),
  ];
  const doc = new Document({
    sections: [{ children: [new Paragraph(TITLE), new Paragraph('（2024年修订）'), new Table({ rows: [...header, ...data] })] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('.xlsx', () => {
  it('reads the catalog sheet, merged headers and merged group cells', async () => {
    const catalog = await parseCatalogFile({ fileName: '目录.xlsx', bytes: await buildXlsx() });
    expect(catalog).toMatchObject({ title: TITLE, layout: 'xlsx' });
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.items[1]?.source.domain).toEqual({ text: '社会救助', line: 5 });
    expect(catalog.warnings).toEqual([
      { line: 7, item: null, message: '第7行：表格外的文字“注：本目录由街道办事处统一制定。”未导入' },
      { line: 6, item: 3, field: 'timeLimitText', message: '第3项（第6行）：公开时限中的“及时”没有具体天数，请人工设定期限' },
    ]);
  });
});

describe('.docx', () => {
  it('reads the Word table with row and column spans and multi-paragraph cells', async () => {
    const catalog = await parseCatalogFile({ fileName: '目录.docx', bytes: await buildDocx() });
    expect(catalog).toMatchObject({ title: TITLE, layout: 'docx' });
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.items[0]?.source.legalBasis?.line).toBe(3);
  });
});
