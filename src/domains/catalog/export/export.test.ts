/** Export to .xlsx (round trip through the importer) and to a printable PDF (text read back with pdf.js). */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkers } from '../../../platform/workers.ts';
import { fontSetFor } from '../../../platform/fonts.ts';
import { EXPECTED_ITEMS, TITLE, tabText, utf8, withoutSource } from '../import/fixtures.ts';
import { parseCatalogFile, type ParsedItem } from '../import/index.ts';
import { exportCatalogPdf, exportCatalogXlsx } from './index.ts';

const seed = (name: string) => parseCatalogFile({ fileName: name, bytes: readFileSync(new URL(`../../../../data/catalogs/${name}`, import.meta.url)) });

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('exportCatalogXlsx', () => {
  it.each(['changyi-220202.txt', 'changkou-wuhua.txt'])('round-trips %s through the importer', async (name) => {
    const original = await seed(name);
    const exported = await exportCatalogXlsx(original.title ?? '', original.items);
    const back = await parseCatalogFile({ fileName: 'export.xlsx', bytes: exported });
    expect(back.layout).toBe('xlsx');
    expect(back.title).toBe(original.title);
    expect(withoutSource(back.items)).toEqual(withoutSource(original.items));
    expect(back.warnings).toEqual([]);
  });

  it('round-trips the synthetic catalog with marks, blanks and a prompt rule', async () => {
    const original = await parseCatalogFile({ fileName: 'c.txt', bytes: utf8(tabText()) });
    const back = await parseCatalogFile({ fileName: 'c.xlsx', bytes: await exportCatalogXlsx(TITLE, original.items) });
    expect(withoutSource(back.items)).toEqual(EXPECTED_ITEMS);
  });

  it('writes the two merged header rows and merges 领域 and 一级事项 like the original (seed 000)', async () => {
    const { title, items } = await seed('changyi-220202.txt');
    const sheet = await sheetOf(await exportCatalogXlsx(title ?? '', items));
    const merges = sheet.model.merges;
    expect(merges).toEqual(expect.arrayContaining([
      'A1:N1', 'A2:A3', 'B2:D2', 'E2:E3', 'I2:I3', 'J2:K2', 'L2:M2', 'N2:N3',
      'B4:B6', 'B8:B10', 'C4:D4', 'C12:D12',
    ]));
    const row = (r: number) => Array.from({ length: 14 }, (_, c) => sheet.getCell(r, c + 1).text);
    expect(row(2)).toEqual(['序号', '公开事项', '公开事项', '公开事项', '公开内容（要素）', '公开依据', '公开主体', '公开时限', '公开渠道和载体', '公开对象', '公开对象', '公开方式', '公开方式', '公开层级']);
    expect(row(3).slice(1, 4)).toEqual(['领域', '一级事项', '二级事项']);
    expect(row(3).slice(9, 13)).toEqual(['全社会', '特定群体', '主动', '依申请']);
    expect(row(4)).toEqual([
      '1', '事务类公开', '社会简介', '社会简介', '社区名称、概况、办公地址、联系方式以及社区为民服务站联系电话等信息。',
      '《中华人民共和国居民委员会组织法》', '县（市）区人民政府\n乡（镇）人民政府（街道办事处）\n社区',
      '信息形成或者变更之日起20个工作日内予以公开',
      '政府网站、政务新媒体、微信群、便民服务中心、便民服务站、入户/现场、公开栏（电子屏）、居务公开专区、精准推送、其他',
      '√', '', '√', '', '社区',
    ]);
  });

  it('writes marked channels as ■/□ and keeps 政府网站公开栏目 when the source has it (seed 002)', async () => {
    const { title, items } = await seed('changkou-wuhua.txt');
    const sheet = await sheetOf(await exportCatalogXlsx(title ?? '', items));
    expect(sheet.getCell(3, 2).text).toBe('一级事项');
    expect(sheet.getCell(2, 5).text).toBe('政府网站公开栏目');
    expect(sheet.getCell(4, 9).text).toMatch(/^□政府网站 □政府公报 .* ■为民服务站 □入户\/现场 ■社区\/企事业单位\/村公示栏\(电子屏\) □精准推送 □其他$/);
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['B4:B6', 'B7:B12', 'B13:B14', 'B15:B17']));
  });
});

/** Text of each page of a PDF, without whitespace, so wrapped lines read as one. */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, ''));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

function syntheticItems(count: number): ParsedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    ...EXPECTED_ITEMS[i % 3]!,
    seq: i + 1,
    name: `测试事项第${i + 1}号`,
    content: `第${i + 1}项公开内容：${'居民委员会按照要求公开相关信息，'.repeat((i % 5) + 1)}完毕${i + 1}号`,
    legalBasis: [`《测试办法第${i + 1}号》`, '《中华人民共和国城市居民委员会组织法》'],
    source: {},
  }));
}

describe('exportCatalogPdf', () => {
  afterAll(closeWorkers);

  // Both real catalogs print with the common cut of the fonts (the worker holds 5 MB of font, not
  // 20); 001 writes its document numbers with ﹝﹞, which GB 2312 lacks.
  it('needs only the common cut of the fonts for the two real catalogs', async () => {
    for (const file of ['changyi-220202.txt', 'changkou-wuhua.txt']) {
      const { title, items } = await seed(file);
      expect(fontSetFor(`${title}${JSON.stringify(items)}`)).toBe('common');
    }
  });

  it('prints seed 002 in Chinese with the embedded Noto Sans SC font', async () => {
    const { title, items } = await seed('changkou-wuhua.txt');
    const pdf = await exportCatalogPdf(title ?? '', items);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.includes('NotoSansSC')).toBe(true);
    const pages = await pdfPages(pdf);
    expect(pages[0]).toContain('厂口社区居务公开事项清单');
    expect(pages.join('')).toContain('《云南省最低生活保障审核确认实施细则》(云民规〔2021〕2号)');
    expect(pages.join('')).toContain('■为民服务站');
  });

  it('repeats the header on every page and never cuts a row', async () => {
    const items = syntheticItems(40);
    const pages = await pdfPages(await exportCatalogPdf(TITLE, items));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, p) => {
      expect(page).toContain('序号领域一级事项二级事项公开内容（要素）公开依据公开主体公开时限');
      expect(page).toContain(`第${p + 1}页/共${pages.length}页`);
      expect(page.includes(TITLE)).toBe(p === 0);
    });
    for (const item of items) {
      const holding = pages.filter((page) => page.includes(`第${item.seq}项公开内容`) || page.includes(`完毕${item.seq}号`) || page.includes(`《测试办法第${item.seq}号》`));
      expect(holding).toHaveLength(1);
      expect(holding[0]).toContain(`完毕${item.seq}号`);
      expect(holding[0]).toContain(`《测试办法第${item.seq}号》`);
    }
  });

  it('prints an empty catalog as a header only', async () => {
    const pages = await pdfPages(await exportCatalogPdf('空目录', []));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('空目录序号一级事项');
    const sheet = await sheetOf(await exportCatalogXlsx('空目录', []));
    expect(sheet.getCell(2, 2).text).toBe('公开事项');
  });

  it('still prints a row taller than a page', async () => {
    const [item] = syntheticItems(1);
    const huge = { ...item!, content: '很长的公开内容。'.repeat(1500) };
    const pages = await pdfPages(await exportCatalogPdf(TITLE, [huge, ...syntheticItems(2).slice(1)]));
    expect(pages.join('')).toContain('测试事项第2号');
  });
});
