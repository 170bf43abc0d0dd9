/**
 * A corpus of catalog layouts in the shapes districts and villages really publish (fixtures in
 * corpus/, written for these tests): each must import with every item read exactly, without any
 * column mapping. Only the fields each layout carries are compared; the rest must stay empty.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { audienceText } from '../itemFacts.ts';
import { parseCatalogBytes as parse } from './parseFile.ts';
import type { ParsedCatalog, ParsedItem } from './types.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./corpus/${name}`, import.meta.url));

type Shape = Partial<Pick<ParsedItem, 'domain' | 'category' | 'name' | 'content' | 'timeLimitText' | 'responsibleBodies' | 'legalBasis' | 'channels' | 'method'>> & { rules?: string[]; audience?: string };

function shape(item: ParsedItem, keys: (keyof Shape)[]): Shape {
  const all: Shape = {
    domain: item.domain, category: item.category, name: item.name, content: item.content, timeLimitText: item.timeLimitText,
    responsibleBodies: item.responsibleBodies, legalBasis: item.legalBasis, channels: item.channels, method: item.method,
    rules: item.rules.map((r) => r.kind),
    audience: audienceText({ audienceSociety: item.audience.society, audienceSpecific: item.audience.specificGroups }),
  };
  return Object.fromEntries(keys.map((k) => [k, all[k]])) as Shape;
}

async function read(name: string, bytes = fixture(name)): Promise<ParsedCatalog> {
  return parse({ fileName: name, bytes });
}

function expectItems(catalog: ParsedCatalog, expected: Shape[]): void {
  const keys = [...new Set(expected.flatMap((e) => Object.keys(e)))] as (keyof Shape)[];
  expect(catalog.items.map((i) => shape(i, keys))).toEqual(expected);
}

describe('corpus of real catalog layouts, imported without a mapping', () => {
  it('space-aligned columns, a cell wrapped onto the next line', async () => {
    const catalog = await read('spaced.txt');
    expect(catalog).toMatchObject({ layout: 'spaced', title: '某某镇某某村村务公开目录' });
    expectItems(catalog, [
      { name: '低保对象名单', content: '低保对象姓名、保障金额', timeLimitText: '信息形成之日起20个工作日内', responsibleBodies: ['村民委员会'], rules: ['within'] },
      { name: '村集体财务收支', content: '收入、支出明细及结余情况', timeLimitText: '每季度公开一次', responsibleBodies: ['村务监督委员会'], rules: ['periodic'] },
      { name: '宅基地审批', content: '申请人、审批结果', timeLimitText: '审批后10个工作日内', responsibleBodies: ['村民委员会'], rules: ['within'] },
    ]);
  });

  it('one paragraph per cell, a long cell split over two paragraphs, marks on lines of their own', async () => {
    const catalog = await read('paragraphs.txt');
    expect(catalog.layout).toBe('paragraphs');
    expectItems(catalog, [
      { domain: '社会救助', name: '临时救助', content: '救助对象姓名、\n救助金额及事由', timeLimitText: '审批结束后5个工作日内', channels: [{ name: '公示栏', selected: true }, { name: '微信群', selected: false }] },
      { domain: '党务公开', name: '党员发展', content: '发展对象名单', timeLimitText: '每半年公开一次', channels: [{ name: '公示栏', selected: true }] },
    ]);
    expect(catalog.warnings.map((w) => w.message)).toContain('第1项（第15行）：比表头多出1个单元格，已将“救助金额及事由”并入公开内容，请核对');
  });

  it('a pipe table whose cells wrap across lines', async () => {
    const catalog = await read('pipe-wrapped.md');
    expect(catalog).toMatchObject({ layout: 'pipe-wrapped', title: '某街道基层政务公开标准目录' });
    expectItems(catalog, [
      { category: '社会救助', name: '最低生活保障', content: '低保审批结果、保障金额', legalBasis: ['《社会救助暂行办法》'], timeLimitText: '信息形成之日起20个工作日内', rules: ['within'], responsibleBodies: ['街道办事处'] },
      { category: '社会救助', name: '特困供养', content: '特困人员名单', legalBasis: ['《社会救助暂行办法》'], timeLimitText: '信息形成之日起20个工作日内', rules: ['within'], responsibleBodies: ['街道办事处'] },
    ]);
  });

  it('a list-style village catalog: sections become 领域, a section time limit is carried and reported', async () => {
    const catalog = await read('list.txt');
    expect(catalog).toMatchObject({ layout: 'list', title: '某某村村务公开目录' });
    expectItems(catalog, [
      { domain: '党务公开', name: '党组织设置及成员名单', content: '', timeLimitText: '每季度公开一次' },
      { domain: '党务公开', name: '党费收缴情况', content: '收缴标准、金额', timeLimitText: '每季度公开一次' },
      { domain: '村务公开', name: '村民委员会换届选举情况', content: '', timeLimitText: '事项办结后10日内' },
      { domain: '村务公开', name: '村级重大事项决策', content: '议题、表决结果', timeLimitText: '事项办结后10日内' },
      { domain: '财务公开', name: '财务收支明细', content: '', timeLimitText: '每月公开一次' },
      { domain: '财务公开', name: '集体资产处置情况', content: '', timeLimitText: '每年公开一次' },
    ]);
    expect(catalog.warnings.map((w) => w.message).slice(0, 3)).toEqual([
      '第3行：“党务公开”的公开时限“每季度公开一次”只写了一次，已用于该部分的2个事项（第1至2项），请核对',
      '第9行：“村务公开”的公开时限“事项办结后10日内”只写了一次，已用于该部分的2个事项（第3至4项），请核对',
      '第10行：“财务公开”的公开时限“每月公开一次”只写了一次，已用于该部分的1个事项（第5项），请核对',
    ]);
  });

  it('damaged headers: a character lost in every word, romanisation inserted', async () => {
    const catalog = await read('damaged.tsv');
    expectItems(catalog, [
      { name: '社区简介', content: '社区概况、辖区范围', timeLimitText: '长期公开', method: { proactive: true, onRequest: false } },
      { name: '居民公约', content: '公约全文', timeLimitText: '制定或修订后10个工作日内', method: { proactive: true, onRequest: false } },
    ]);
    expect(catalog.columns?.map((c) => [c.key, c.score])).toEqual([['seq', 1], ['name', 0.6], ['content', 0.9], ['timeLimit', 0.6], ['method.proactive', 0.6]]);
  });

  it('a header wrapped over two lines', async () => {
    const catalog = await read('wrapped-header.tsv');
    expectItems(catalog, [
      { name: '社区简介', content: '社区概况', timeLimitText: '长期公开', responsibleBodies: ['社区居委会'] },
      { name: '居民公约', content: '公约全文', timeLimitText: '制定后10个工作日内', responsibleBodies: ['社区居委会'] },
    ]);
  });

  it('merged 领域 and 一级事项 cells: the short row takes them from the row above, a phone number stays out of 公开时限', async () => {
    const catalog = await read('merged.tsv');
    expectItems(catalog, [
      { domain: '社会救助', category: '最低生活保障', name: '低保对象名单', content: '姓名、金额', timeLimitText: '信息形成之日起20个工作日内' },
      { domain: '社会救助', category: '最低生活保障', name: '特困供养名单', content: '特困人员姓名', timeLimitText: '信息形成之日起20个工作日内' },
      { domain: '养老服务', category: '高龄津贴', name: '津贴名单', content: '姓名、金额', timeLimitText: '每季度公开一次' },
    ]);
    expect(catalog.warnings.map((w) => w.message)).toContain('第2项（第3行）：比表头少2个单元格，应是与上一行合并的单元格，已沿用上一行（第2行）的“领域”“一级事项”，请核对');
  });

  it('Traditional characters: Simplified values, the original kept for display, 党员 as a specific group', async () => {
    const catalog = await read('traditional.tsv');
    expect(catalog.title).toBe('某某区居务公开事项目录');
    expectItems(catalog, [
      { name: '最低生活保障', content: '保障对象名单、保障金额', timeLimitText: '信息形成之日起20个工作日内', audience: '全社会' },
      { name: '党费收缴', content: '收缴标准、金额', timeLimitText: '每半年公开一次', audience: '特定群体' },
    ]);
    expect(catalog.items[1]?.source.name?.text).toBe('黨費收繳');
  });

  it('one cell per line with check marks on lines of their own', async () => {
    const catalog = await read('cell-lines-marks.txt');
    expect(catalog.layout).toBe('cell-lines');
    expectItems(catalog, [
      { domain: '村务管理', name: '村规民约', content: '村规民约全文', timeLimitText: '制定或修订后10个工作日内', channels: [{ name: '政府网站', selected: false }, { name: '公开栏', selected: true }] },
      { domain: '财务管理', name: '财务收支', content: '收支明细', timeLimitText: '每月公开一次', channels: [{ name: '公开栏', selected: true }] },
    ]);
  });

  it('CSV with synonym headers and no 序号 column', async () => {
    const catalog = await read('synonyms.csv');
    expectItems(catalog, [
      { name: '居民公约', content: '公约全文及修订说明', legalBasis: ['《中华人民共和国城市居民委员会组织法》'], responsibleBodies: ['社区居委会'], timeLimitText: '制定后10个工作日内', method: { proactive: true, onRequest: false } },
      { name: '物业服务', content: '物业企业名称、收费标准', legalBasis: ['《物业管理条例》'], responsibleBodies: ['社区居委会'], timeLimitText: '每年公开一次', method: { proactive: false, onRequest: true } },
    ]);
  });

  it('a flattened Word table with 业务事项 / 内容要求 / 具体职责 / 时限要求', async () => {
    const catalog = await read('word-flat-synonyms.txt');
    expect(catalog.layout).toBe('word-flat');
    expectItems(catalog, [
      { name: '社区选举', content: '选民名单\n选举结果', responsibleBodies: ['社区居委会'], timeLimitText: '选举结束后5日内' },
      { name: '民主议事', content: '议事结果', responsibleBodies: ['社区居委会'], timeLimitText: '议定后7个工作日内' },
    ]);
  });

  it('a pipe table whose 公开对象 names 党员', async () => {
    const catalog = await read('pipe-audience.md');
    expectItems(catalog, [
      { name: '党员发展', content: '发展对象名单', audience: '特定群体', timeLimitText: '每半年公开一次' },
      { name: '社区简介', content: '社区概况', audience: '全社会', timeLimitText: '长期公开' },
    ]);
  });

  it('an .xlsx sheet with a two-row header in other words (信息类别, 内容标准, 公开属性)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(['某镇基层政务公开标准目录']);
    sheet.addRow(['序号', '信息类别', '事项名称', '内容标准', '时限要求', '公开属性', '']);
    sheet.addRow(['', '', '', '', '', '主动公开', '依申请公开']);
    sheet.addRow([1, '社会救助', '临时救助', '救助对象、金额', '审批后5个工作日内', '√', '']);
    sheet.addRow([2, '', '医疗救助', '救助标准', '长期公开', '', '√']);
    sheet.mergeCells('F2:G2');
    sheet.mergeCells('B4:B5');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const catalog = await read('town.xlsx', bytes);
    expect(catalog).toMatchObject({ layout: 'xlsx', title: '某镇基层政务公开标准目录' });
    expectItems(catalog, [
      { domain: '社会救助', name: '临时救助', content: '救助对象、金额', timeLimitText: '审批后5个工作日内', method: { proactive: true, onRequest: false } },
      { domain: '社会救助', name: '医疗救助', content: '救助标准', timeLimitText: '长期公开', method: { proactive: false, onRequest: true } },
    ]);
  });
});
