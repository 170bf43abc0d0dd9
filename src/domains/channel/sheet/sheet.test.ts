/** The printed sheet read back as a person and a phone would: pdftotext for the words, a QR scan of the rendered page. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfText, qrOnPage, savePdf } from '../../../../test/support/pdf.ts';
import { accountsFixture, subsidyTable, UNMASKED_ID, viewFixture } from '../fixtures.ts';
import { closeWorkers } from '../../../platform/workers.ts';
import { printBoard, printSheet } from './print.ts';
import { renderBoardPdf, renderSheetPdf } from './renderSheet.ts';
import { fontSetFor } from '../../../platform/fonts.ts';

const BASE = 'https://gk.example.cn';
const save = (name: string, pdf: Buffer) => savePdf(pdf, name);

const ID_18 = /\d{17}[\dXx]/;

describe('printed bulletin sheet', () => {
  afterAll(closeWorkers);

  it('prints the Chinese title, the publicity period and the masked list, and its QR code opens the record', async () => {
    const file = save('one.pdf', await renderSheetPdf(viewFixture(), { size: 'A4', baseUrl: BASE }));
    const pages = pdfText(file);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('关于2026年10月城乡居民最低生活保障新增对象的公示');
    expect(pages[0]).toContain('甲一社区居务公开');
    expect(pages[0]).toContain('公示期：2026年10月30日至2026年11月6日');
    expect(pages[0]).toContain('220202********1000');
    expect(pages[0]).toContain('2026年10月30日');
    expect(pages[0]).not.toMatch(ID_18);
    expect(qrOnPage(file)).toBe(`${BASE}/r/k7d2m9q4`);
    expect(readFileSync(file).includes('NotoSansSC')).toBe(true);
  });

  // Through print.ts and the worker pool, as the routes print: the guard runs before the renderer.
  it('masks a personal number that slipped past the record domain, on a sheet and on a board', async () => {
    const view = viewFixture({ bodyText: `申请人身份证号 ${UNMASKED_ID}，电话 13812345678。`, tables: [{ ...subsidyTable(1), rows: [['1', '张*华', UNMASKED_ID, '13812345678', '1', '480.00 元']] }] });
    const sheet = pdfText(save('leak.pdf', await printSheet(view, { size: 'A4', baseUrl: BASE }))).join('');
    const board = pdfText(save('leak-board.pdf', await printBoard({ communityCode: '220202001001', communityName: '甲一社区', month: '2026-10', views: [view] }, { size: 'A4', baseUrl: BASE }))).join('');
    for (const text of [sheet, board]) {
      expect(text).not.toMatch(ID_18);
      expect(text).not.toContain('13812345678');
      expect(text).toContain('110105********002X');
    }
  });

  it('pages a long list with the header repeated and every row printed once', async () => {
    const view = viewFixture({ tables: [subsidyTable(90)] });
    const file = save('long.pdf', await renderSheetPdf(view, { size: 'A4', baseUrl: BASE }));
    const pages = pdfText(file);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain('序号姓名身份证号联系电话保障人数月保障金额');
      expect(page).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    expect(pages.slice(1).every((p) => p.includes('名单（续）'))).toBe(true);
    for (let i = 0; i < 90; i++) expect(pages.filter((p) => p.includes(`220202********${String(1000 + i)}`))).toHaveLength(1);
    expect(qrOnPage(file, pages.length)).toBe(`${BASE}/r/k7d2m9q4`);
  });

  it('prints on A3 with the same content, larger', async () => {
    const file = save('a3.pdf', await renderSheetPdf(viewFixture(), { size: 'A3', baseUrl: BASE }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 1190\.55 pts \(A3\)/);
    expect(pdfText(file)[0]).toContain('关于2026年10月城乡居民最低生活保障新增对象的公示');
    expect(qrOnPage(file)).toBe(`${BASE}/r/k7d2m9q4`);
  });

  it('shows a correction note, a withdrawn list and a withdrawal as their public trace', async () => {
    const corrected = viewFixture({ version: 2, correctionNote: '更正第3行保障人数', tables: [], listWithdrawnNote: '本名单于 2026年10月30日 公示，公示期至 2026年11月6日 结束。' });
    const text = pdfText(save('corr.pdf', await renderSheetPdf(corrected, { size: 'A4', baseUrl: BASE })))[0]!;
    expect(text).toContain('第2版（更正）');
    expect(text).toContain('更正说明：更正第3行保障人数');
    expect(text).toContain('公示期至2026年11月6日结束');
    const withdrawn = viewFixture({ bodyText: '', tables: [], attachments: [], withdrawal: { at: new Date('2026-11-01T10:00:00+08:00'), reason: '名单有误，重新评议' } });
    expect(pdfText(save('wd.pdf', await renderSheetPdf(withdrawn, { size: 'A4', baseUrl: BASE })))[0]).toContain('本公开内容已于2026年11月1日撤回。撤回原因：名单有误，重新评议');
  });

  it("prints a month's board as one PDF: contents, then each record with its own QR code", async () => {
    const file = save('board.pdf', await renderBoardPdf({ communityCode: '220202001001', communityName: '甲一社区', month: '2026-10', views: [viewFixture(), accountsFixture()] }, { size: 'A4', baseUrl: BASE }));
    const pages = pdfText(file);
    expect(pages[0]).toContain('2026年10月公开栏汇编');
    expect(pages[0]).toContain('共2条公开内容');
    expect(pages[0]).toContain('1甲一社区2026年第三季度财务收支公开社区财务收支情况2026年10月15日');
    expect(pages[0]).toContain('2关于2026年10月城乡居民最低生活保障');
    expect(qrOnPage(file, 1)).toBe(`${BASE}/o/220202001001`);
    expect(pages[1]).toContain('所属期间：2026年7月1日至2026年9月30日');
    expect(qrOnPage(file, 2)).toBe(`${BASE}/r/a3f8c1x5`);
    expect(qrOnPage(file, 3)).toBe(`${BASE}/r/k7d2m9q4`);
  });

  // The print worker holds the common cut of the fonts (2 × 2.5 MB instead of 2 × 10 MB) unless a
  // document has a character the cut lacks: a 生僻字 in a name must print as written.
  it('prints with the common cut of the fonts, and a name with a rare character with the full ones', async () => {
    expect(fontSetFor('关于2026年10月城乡居民最低生活保障新增对象的公示（第一批）：张秀华、李明 ☑')).toBe('common');
    expect(fontSetFor('王喆')).toBe('full');
    const rare = viewFixture({ tables: [{ ...subsidyTable(1), rows: [['1', '朱镕', '220202********1000', '138****5678', '1', '480.00 元']] }] });
    const text = pdfText(save('rare.pdf', await renderSheetPdf(rare, { size: 'A4', baseUrl: BASE }))).join('');
    expect(text).toContain('朱镕');
    const common = pdfText(save('common.pdf', await renderSheetPdf(viewFixture(), { size: 'A4', baseUrl: BASE }))).join('');
    expect(common).toContain('最低生活保障');
  });

  it('has every character the PDF renderers write themselves in the common cut (else: node bin/subset-fonts.mjs)', () => {
    const dir = new URL('./', import.meta.url);
    const catalog = new URL('../../catalog/export/', import.meta.url);
    const sources = [
      ...readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => new URL(f, dir)),
      new URL('../text.ts', dir),
      ...['pdf.ts', 'columns.ts'].map((f) => new URL(f, catalog)),
      new URL('../../../platform/fonts.ts', import.meta.url), // the check marks drawn instead of ☑
    ];
    const labels = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8')].filter((ch) => ch.codePointAt(0)! > 0x7f)));
    const missing = [...labels].filter((ch) => fontSetFor(ch) === 'full');
    expect(missing).toEqual([]);
  });
});
