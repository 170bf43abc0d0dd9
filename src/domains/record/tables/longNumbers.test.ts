/*
 * Issue 13: an 18-digit ID typed into Excel as a number, in a column not named as an ID
 * column. Excel kept 15–17 digits, so the scanner cannot recognise it; unmasked, the table
 * published 16 true digits of the ID.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { importTable } from './importTable.ts';

async function sheetWith(value: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sheet1');
  sheet.addRow(['姓名', '备注', '人数']);
  sheet.addRow(['张三', value, 3]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('long numbers stored as Excel numbers', () => {
  it('masks an ID typed as a number in a free-text column and says why', async () => {
    const id = Number('220202198506121233'); // a float, as Excel stores it: its last digits are lost
    const { table, warnings, errors } = await importTable({ fileName: '名单.xlsx', bytes: await sheetWith(id) });
    expect(errors).toEqual([]);
    const cell = String(table.rows[0]![1]);
    expect(cell).toMatch(/^220202\*{8}\d{4}$/);
    expect(cell).not.toContain('1985061212');
    expect(warnings.join('')).toContain('已按个人号码遮盖');
  });

  it('masks a card number typed as a number, and leaves ordinary figures alone', async () => {
    const { table } = await importTable({ fileName: '名单.xlsx', bytes: await sheetWith(6222020212345678) });
    expect(String(table.rows[0]![1])).toMatch(/^6222\*{8}\d{4}$/);
    const small = await importTable({ fileName: '名单.xlsx', bytes: await sheetWith(480.5) });
    expect(small.table.rows[0]![1]).toBe('480.5');
    expect(small.warnings).toEqual([]);
  });
});
