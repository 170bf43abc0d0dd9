/** The synthetic catalog in text layouts: reordered, renamed, damaged, Traditional, |, CSV, one cell per line. */
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { EXPECTED_ITEMS, HEADER, ROWS, TITLE, tabText, utf8, withoutSource } from './fixtures.ts';
import { parseCatalogFile } from './index.ts';

const parseText = (text: string, fileName = 'catalog.txt') => parseCatalogFile({ fileName, bytes: utf8(text) });
const PROMPT_WARNING = { line: 5, item: 3, field: 'timeLimitText', message: '第3项（第5行）：公开时限中的“及时”没有具体天数，请人工设定期限' };

describe('tab-separated rows', () => {
  it('reads the synthetic catalog', async () => {
    const catalog = await parseText(tabText());
    expect(catalog).toMatchObject({ title: TITLE, layout: 'tab-rows' });
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.warnings).toEqual([PROMPT_WARNING]);
  });

  it('finds columns by meaning when they are reordered', async () => {
    const reverse = (cells: string[]) => [...cells].reverse();
    const catalog = await parseText(tabText(reverse(HEADER), ROWS.map(reverse)));
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
  });

  it('accepts synonym headers', async () => {
    const header = ['编号', '类别', '一级', '事项名称', '公开内容（要素）', '依据', '责任主体', '时限', '公开渠道和载体', '全社会', '特定对象', '主动', '依申请', '层级'];
    const catalog = await parseText(tabText(header));
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
  });

  it('reads a two-row header with group headers and synonym sub-columns', async () => {
    const top = ['序号', '公开事项', '', '', '公开内容', '公开依据', '责任主体', '公开时限', '公开渠道和载体', '公开对象', '', '公开方式', '', '公开层级'];
    const sub = ['', '类别', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群众', '主动公开', '依申请公开', ''];
    const text = [TITLE, top.join('\t'), sub.join('\t'), ...ROWS.map((r) => r.join('\t'))].join('\r\n');
    const catalog = await parseText(`\uFEFF${text}`);
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.warnings.map((w) => w.line)).toEqual([6]);
  });

  it('reads 公开层级 sub-columns marked with √ under 县级/乡级/村级', async () => {
    const top = [...HEADER.slice(0, 13), '公开层级', '', ''];
    const sub = [...Array<string>(13).fill(''), '县级', '乡级', '村级'];
    const marks: Record<string, string[]> = { 村级: ['', '', '√'], 社区: ['', '√', '☑'] };
    const rows = ROWS.map((r) => [...r.slice(0, 13), ...(marks[r[13] ?? ''] ?? [])]);
    const text = [TITLE, top.join('\t'), sub.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n');
    const catalog = await parseText(text);
    expect(catalog.items.map((i) => i.level)).toEqual(['村级', '村级', '乡级、村级']);
  });

  it('leaves a missing column empty and says so', async () => {
    const drop = (cells: string[]) => cells.filter((_, i) => i !== 5);
    const catalog = await parseText(tabText(drop(HEADER), ROWS.map(drop)));
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS.map((item) => ({ ...item, legalBasis: [] })));
    expect(catalog.warnings[0]).toEqual({ line: 2, item: null, message: '第2行：表格中没有“公开依据”列，这些字段已留空' });
  });

  it('reports a truncated last row and keeps what it has', async () => {
    const rows = [ROWS[0]!, ROWS[1]!, ROWS[2]!.slice(0, 5)];
    const catalog = await parseText(tabText(HEADER, rows));
    expect(catalog.items).toHaveLength(3);
    expect(withoutSource(catalog.items)[2]).toEqual({
      ...EXPECTED_ITEMS[2], legalBasis: [], responsibleBodies: [], timeLimitText: '', rules: [], channels: [],
      audience: { society: null, specificGroups: null }, method: { proactive: null, onRequest: null }, level: null,
    });
    expect(catalog.warnings.map((w) => w.message)).toEqual([
      '第3项（第5行）：比表头少9个单元格（缺少“公开依据”“公开主体”“公开时限”“公开渠道和载体”“公开对象”“公开方式”“公开层级”），已按空白处理；这是表格的最后一行，文件可能被截断，请核对',
      '第3项（第5行）：公开时限为空，请补充',
    ]);
  });

  it('skips a last row cut right after its number, and says so', async () => {
    const catalog = await parseText(`${tabText()}\n4\t社会`);
    expect(catalog.items).toHaveLength(3);
    expect(catalog.warnings.at(-1)?.message).toBe('第6行：最后一行内容不完整（没有事项名称和公开内容），已跳过，请核对原文件是否被截断');
  });

  it('merges a surplus cell into 公开内容 and reports it', async () => {
    const rows = [ROWS[0]!, ['2', '', '', '临时救助名单', '救助对象名单', '金额、事由', ...ROWS[1]!.slice(5)], ROWS[2]!];
    const catalog = await parseText(tabText(HEADER, rows));
    expect(catalog.items[1]?.content).toBe('救助对象名单\n金额、事由');
    expect(withoutSource(catalog.items)[1]).toEqual({ ...EXPECTED_ITEMS[1], content: '救助对象名单\n金额、事由' });
    expect(catalog.warnings[0]).toEqual({
      line: 4, item: 2, field: 'content', message: '第2项（第4行）：比表头多出1个单元格，已将“金额、事由”并入公开内容，请核对',
    });
  });

  it('puts a blank where a cell is missing in the middle of a row, by meaning', async () => {
    const rows = [ROWS[0]!, ROWS[1]!, ROWS[2]!.filter((_, i) => i !== 6)];
    const catalog = await parseText(tabText(HEADER, rows));
    expect(withoutSource(catalog.items)[2]).toEqual({ ...EXPECTED_ITEMS[2], responsibleBodies: [] });
    expect(catalog.warnings[0]?.message).toBe('第3项（第5行）：比表头少1个单元格，按内容判断缺的是“公开主体”，已补为空白，请核对');
  });

  it('converts Traditional Chinese to Simplified and warns', async () => {
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    const text = toTraditional(tabText());
    expect(text).toContain('公開時限');
    const catalog = await parseText(text);
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.title).toBe(TITLE);
    expect(catalog.warnings[0]?.message).toMatch(/^文件使用繁体字，已将\d+处繁体字转换为简体（如“.”→“.”.*），请核对$/);
    expect(catalog.items[0]?.source.name?.text).toBe('低保對象名單');
  });
});

describe('other text layouts', () => {
  it('reads a flattened Word table whose cell ends in a blank paragraph', async () => {
    const cells = (row: string[]) => row.map((cell) => `\t${cell}`).join('\n');
    const second = cells(ROWS[1]!.slice(0, 5)) + '\n\n' + cells(ROWS[1]!.slice(5));
    const text = [TITLE, cells(HEADER), '', cells(ROWS[0]!), '', second, '', cells(ROWS[2]!), ''].join('\n');
    const catalog = await parseText(text);
    expect(catalog.layout).toBe('word-flat');
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
    expect(catalog.items[1]?.source.legalBasis?.line).toBe(38);
    expect(catalog.warnings[0]).toEqual({
      line: 32, item: null, message: '第32行：该行第5个单元格后有空行，看似分成了两行，已按单元格数合并为一行，请核对',
    });
  });

  it('reads a | table with a rule under the header', async () => {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const text = [`# ${TITLE}`, '', line(HEADER), line(HEADER.map(() => '---')), ...ROWS.map(line)].join('\n');
    const catalog = await parseText(text, 'catalog.md');
    expect(catalog).toMatchObject({ title: TITLE, layout: 'pipe' });
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
  });

  it('reads CSV with quoted cells holding commas and line breaks', async () => {
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const rows = ROWS.map((r) => [...r]);
    rows[0]![4] = '1. 初审对象名单；\n2. 低保对象名单';
    rows[0]![6] = '社区居委会,街道办事处';
    const text = [TITLE, HEADER.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
    const catalog = await parseText(text, 'catalog.csv');
    expect(catalog.layout).toBe('csv');
    expect(withoutSource(catalog.items)).toEqual([
      { ...EXPECTED_ITEMS[0], content: '1. 初审对象名单；\n2. 低保对象名单' }, EXPECTED_ITEMS[1], EXPECTED_ITEMS[2],
    ]);
    expect(catalog.items[2]?.source.timeLimitText?.line).toBe(6);
  });

  it('reads one cell per line with rows separated by blank lines', async () => {
    const text = [
      TITLE, '序号', '公开事项', '公开内容', '公开时限', '公开主体', '',
      '1', '社区简介', '社区名称、办公地址', '信息形成之日起20个工作日内', '社区居委会', '',
      '2', '财务收支', '每季度财务收支', '每季度的首月20日前', '社区居委会',
    ].join('\n');
    const catalog = await parseText(text);
    expect(catalog).toMatchObject({ title: TITLE, layout: 'cell-lines' });
    expect(catalog.items.map((i) => [i.seq, i.name, i.content, i.rules.map((r) => r.kind)])).toEqual([
      [1, '社区简介', '社区名称、办公地址', ['within']],
      [2, '财务收支', '每季度财务收支', ['periodic']],
    ]);
  });

  it('reads UTF-16 text with a byte order mark', async () => {
    const text = tabText();
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const catalog = await parseCatalogFile({ fileName: 'catalog.txt', bytes });
    expect(withoutSource(catalog.items)).toEqual(EXPECTED_ITEMS);
  });
});
