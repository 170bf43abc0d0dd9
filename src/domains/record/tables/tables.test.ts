import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { renderMarkdown, markdownToText } from '../markdown.ts';
import { buildTable, detectType, parseCsv, tableFromTsv, tableToTsv } from './build.ts';
import { displayCell, formatAmount, parseCell } from './cells.ts';
import { importTable } from './importTable.ts';

describe('typed table cells', () => {
  it('keeps amounts as integer 分 and shows them in 元', () => {
    expect(parseCell('amount', '1,234.5')).toEqual({ ok: true, value: 123450 });
    expect(parseCell('amount', '¥480元')).toEqual({ ok: true, value: 48000 });
    expect(parseCell('amount', '-0.05')).toEqual({ ok: true, value: -5 });
    expect(parseCell('amount', '12.345').ok).toBe(false);
    expect(parseCell('amount', '四百').ok).toBe(false);
    expect(formatAmount(123456789)).toBe('1,234,567.89');
    expect(displayCell('amount', 48050)).toBe('480.50 元');
  });

  it('reads dates in the usual ways and shows them in Chinese', () => {
    for (const raw of ['2026-10-30', '2026/10/30', '2026.10.30', '2026年10月30日']) expect(parseCell('date', raw)).toEqual({ ok: true, value: '2026-10-30' });
    expect(parseCell('date', '2026-02-30').ok).toBe(false);
    expect(displayCell('date', '2026-10-30')).toBe('2026年10月30日');
  });

  it('masks ID and phone columns whatever they hold, and only once', () => {
    expect(parseCell('id_number', '11010519491231002X')).toEqual({ ok: true, value: '110105********002X' });
    expect(parseCell('id_number', '110105********002X')).toEqual({ ok: true, value: '110105********002X' });
    expect(parseCell('id_number', '110105194912310021')).toEqual({ ok: true, value: '110105********0021' }); // wrong checksum: masked anyway
    expect(parseCell('phone', '13812345678')).toEqual({ ok: true, value: '138****5678' });
    expect(displayCell('id_number', '11010519491231002X')).toBe('110105********002X');
    expect(displayCell('text', '电话 13812345678')).toBe('电话 138****5678');
  });

  it('detects column types from headers and content', () => {
    expect(detectType('身份证号码', ['11010519491231002X'])).toBe('id_number');
    expect(detectType('备注', ['11010519491231002X'])).toBe('id_number');
    expect(detectType('联系电话', ['0432-62345678'])).toBe('phone');
    expect(detectType('月保障金（元）', ['480.5', '960'])).toBe('amount');
    expect(detectType('保障人数', ['1', '3'])).toBe('integer');
    expect(detectType('姓名', ['张三'])).toBe('person_name');
    expect(detectType('发放日期', ['2026-10-30'])).toBe('date');
    expect(detectType('事由', ['因病'])).toBe('text');
  });

  it('parses CSV with quotes, commas and line breaks, and round-trips the edit text', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nagain"\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nagain']]);
    const { table, errors } = buildTable('表', ['姓名', '金额'], [['张三', '12.5'], ['李四', 'abc']], ['person_name', 'amount']);
    expect(errors).toEqual(['第 2 行“金额”列：“abc”不是金额（例如 1234.50）']);
    expect(table.rows).toEqual([['张三', 1250], ['李四', null]]);
    const again = tableFromTsv('表', tableToTsv(table), ['person_name', 'amount']);
    expect(again.table).toEqual(table);
  });
});

describe('importing a table file', () => {
  it('reads an .xlsx with a title row, dates and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRow(['2026年第三季度收支明细']);
    sheet.addRow(['日期', '摘要', '收入', '支出']);
    sheet.addRow([new Date('2026-07-05T00:00:00Z'), '上级拨付经费', 50000, null]);
    sheet.addRow([new Date('2026-08-12T00:00:00Z'), '办公用品', null, { formula: '1000+860', result: 1860 }]);
    const result = await importTable({ fileName: 'q3.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
    expect(result.table.caption).toBe('2026年第三季度收支明细');
    expect(result.table.columns.map((c) => c.type)).toEqual(['date', 'text', 'amount', 'amount']);
    expect(result.table.rows).toEqual([['2026-07-05', '上级拨付经费', 5000000, null], ['2026-08-12', '办公用品', null, 186000]]);
  });

  it('warns when Excel stored an ID number as a number, and refuses files that are not tables', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '身份证号'], ['张三', 110105194912310000]]);
    const result = await importTable({ fileName: 'ids.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
    expect(result.warnings[0]).toContain('存成了数值');
    expect(result.table.rows[0]![1]).toMatch(/^\*+\d{4}$|^\d{6}\*+\d{4}$/);
    await expect(importTable({ fileName: 'x.csv', bytes: Buffer.from('%PDF-1.4 fake') })).rejects.toThrow('只能从 Excel');
    await expect(importTable({ fileName: 'x.csv', bytes: Buffer.from('只有一行') })).rejects.toThrow('没有读到表格内容');
  });

  it('reads a CSV saved by Excel in GB18030', async () => {
    // 姓名,电话 / 张三,13812345678 in GBK bytes
    const gbk = Buffer.concat([Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(','), Buffer.from([0xb5, 0xe7, 0xbb, 0xb0]), Buffer.from('\r\n'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(',13812345678\r\n')]);
    const result = await importTable({ fileName: 'list.csv', bytes: gbk });
    expect(result.table.columns).toEqual([{ name: '姓名', type: 'person_name' }, { name: '电话', type: 'phone' }]);
    expect(result.table.rows).toEqual([['张三', '138****5678']]);
  });
});

describe('Markdown bodies', () => {
  it('renders Markdown without raw HTML or script links', () => {
    const html = renderMarkdown('# 标题\n\n<script>alert(1)</script> **粗** [链接](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<h2>标题</h2>');
    expect(html).toContain('<strong>粗</strong>');
    expect(markdownToText('# 标题\n\n- 一\n- 二\n\n**粗** a < b')).toBe('标题\n一\n二\n粗 a < b');
  });
});
