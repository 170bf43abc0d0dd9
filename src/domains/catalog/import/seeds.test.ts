/** The two real catalogs shipped in data/catalogs, read field by field. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../rules/types.ts';
import { parseCatalogFile, type ParsedCatalog, type ParsedItem } from './index.ts';

const seed = (name: string): Uint8Array => readFileSync(new URL(`../../../../data/catalogs/${name}`, import.meta.url));

function item(catalog: ParsedCatalog, seq: number): ParsedItem {
  const found = catalog.items.find((i) => i.seq === seq);
  if (!found) throw new Error(`no item ${seq}`);
  return found;
}

/** Rules as short strings, e.g. within:20:workday:formed_or_changed. */
function ruleCodes(rules: Rule[]): string[] {
  return rules.map((r) => {
    switch (r.kind) {
      case 'within': return `within:${r.amount}:${r.unit}:${r.trigger}`;
      case 'publicity': return `publicity:${r.amount}:${r.unit}${r.subject ? `:${r.subject}` : ''}`;
      case 'periodic': return `periodic:${r.every}`;
      default: return r.kind;
    }
  });
}

const CHANGYI_LAW = '《中华人民共和国居民委员会组织法》';
const GUIDELINE_54 = '《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发﹝2019﹞54 号）';
const CHANGYI_CHANNELS = ['政府网站', '政务新媒体', '微信群', '便民服务中心', '便民服务站', '入户/现场', '公开栏（电子屏）', '居务公开专区', '精准推送', '其他'];

describe('seed 000: 吉林市昌邑区 (Word table flattened to tab-indented lines)', () => {
  let catalog: ParsedCatalog;
  beforeAll(async () => {
    catalog = await parseCatalogFile({ fileName: 'changyi-220202.txt', bytes: seed('changyi-220202.txt') });
  });

  it('reads the title, the layout and 9 items', () => {
    expect(catalog.title).toBe('吉林市昌邑区居务公开事项目录清单');
    expect(catalog.layout).toBe('word-flat');
    expect(catalog.items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('groups items by 领域, filling blank merged cells and the label in a middle row', () => {
    expect(catalog.items.map((i) => i.domain)).toEqual([
      '事务类公开', '事务类公开', '事务类公开', '财务管理', '社会救助', '社会救助', '社会救助', '养老服务', '便民利民服务',
    ]);
    expect(catalog.items.map((i) => i.name)).toEqual([
      '社会简介', '社区居务监督机构', '社区“四议两公开”决策事项及其他事项', '财务收支情况', '最低生活保障',
      '临时救助', '特困人员救助供养', '养老服务管理', '服务事项办理',
    ]);
    expect(catalog.items.every((i) => i.category === i.name)).toBe(true);
  });

  it('reads every field of item 1, with a stray space removed', () => {
    const { source, ...fields } = item(catalog, 1);
    expect(fields).toEqual({
      seq: 1,
      domain: '事务类公开',
      category: '社会简介',
      name: '社会简介',
      content: '社区名称、概况、办公地址、联系方式以及社区为民服务站联系电话等信息。',
      websiteColumn: null,
      legalBasis: [CHANGYI_LAW],
      responsibleBodies: ['县（市）区人民政府', '乡（镇）人民政府（街道办事处）', '社区'],
      timeLimitText: '信息形成或者变更之日起20个工作日内予以公开',
      rules: [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', span: { start: 0, end: 18 } }],
      channels: CHANGYI_CHANNELS.map((name) => ({ name, selected: null })),
      audience: { society: true, specificGroups: false },
      method: { proactive: true, onRequest: false },
      level: '社区',
    });
    expect(source.domain).toEqual({ text: '\n'.repeat(10) + '事务类公开', line: 27 });
    expect(source.content).toEqual({ text: '社区名称、概况、办公 地址、联系方式以及社区为民服务站联系电话等信息。', line: 40 });
    expect(source.responsibleBodies?.line).toBe(42);
    expect(source.level).toEqual({ text: '\t\t社区', line: 60 });
  });

  it('reads item 3: multi-line content, two legal documents, 标准 化 joined', () => {
    const it3 = item(catalog, 3);
    expect(it3.content.split('\n')).toEqual([
      '1.社区“四议两公开”决策事项：对社区集体资产处置、兴办公益事业、大额集体资金使用等涉及居民切身利益等重大事项，按照“支部提议”“两委商议”“党员大会审议”“居民代表会议或居民大会决议”组织实施，做到“决议公开”“实施结果公开”。',
      '2.其他应公开的事项：居民委员会按照居务、党务公开制度要求，对应公开内容每季度公开一次，重大事项及时公开。',
    ]);
    expect(it3.legalBasis).toEqual([CHANGYI_LAW, GUIDELINE_54]);
    expect(it3.responsibleBodies).toEqual(['县（市）区人民政府', '乡（镇）人民政府（街道办事处）', '社区（村）']);
  });

  it('reads items 5, 6 and 9: numbered content, a blank 领域, a bookmark removed', () => {
    expect(item(catalog, 5).content).toBe('1. 初审对象名单及相关信息；\n2. 低保对象名单及相关信息；\n3. 低保对象最低生活保障金每月发放情况。');
    expect(item(catalog, 6)).toMatchObject({ domain: '社会救助', category: '临时救助', content: '救助对象名单、金额、事由。' });
    expect(item(catalog, 9).content).toBe('社区职权范围内负责办理的政务服务事项名称、办理时限、办理条件等相关信息。');
    expect(item(catalog, 4).content).toBe('每季或每年度公开财务收支情况、年末公开资金使用情况。');
  });

  it('reads the same rule for every item', () => {
    expect(catalog.items.map((i) => ruleCodes(i.rules))).toEqual(Array(9).fill(['within:20:workday:formed_or_changed']));
  });

  it('warns about the inferred sub-columns and the blank 二级事项', () => {
    expect(catalog.warnings).toEqual([
      { line: 2, item: null, message: '第2行：表头没有标出子列，已按内容推断：“公开对象”分为全社会/特定群体，“公开方式”分为主动公开/依申请公开，“公开层级”分为县级/乡级/村级，请核对' },
      { line: null, item: null, field: 'name', message: '第1至9项的二级事项为空，已以一级事项作为事项名称，请核对' },
    ]);
  });
});

const CHANGKOU_CHANNELS = ['政府网站', '政府公报', '两微一端', '发布会/听证会', '广播电视', '纸质媒体', '公开查阅点', '政务服务中心', '为民服务站', '入户/现场', '社区/企事业单位/村公示栏(电子屏)', '精准推送', '其他'];
const channels = (...selected: string[]) => CHANGKOU_CHANNELS.map((name) => ({ name, selected: selected.includes(name) }));
const BOARD = '社区/企事业单位/村公示栏(电子屏)';
const GUIDELINE = '《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》(国办发〔2019〕54号)';

describe('seed 002: 厂口社区 (tab-separated rows, repeated headers, checkboxes)', () => {
  let catalog: ParsedCatalog;
  beforeAll(async () => {
    catalog = await parseCatalogFile({ fileName: 'changkou-wuhua.txt', bytes: seed('changkou-wuhua.txt') });
  });

  it('reads the title, the layout and 15 items across the page breaks', () => {
    expect(catalog.title).toBe('厂口社区居务公开事项清单');
    expect(catalog.layout).toBe('tab-rows');
    expect(catalog.items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(catalog.items.every((i) => i.domain === null && i.level === null)).toBe(true);
  });

  it('fills blank 一级事项 from the group above, or below after a page break', () => {
    expect(catalog.items.map((i) => i.category)).toEqual([
      '基本信息', '基本信息', '基本信息', '财务管理', '财务管理', '财务管理', '财务管理', '财务管理', '财务管理',
      '专项资金分配结果', '专项资金分配结果', '社会救助', '社会救助', '社会救助', '便民利民服务',
    ]);
  });

  it('reads every field of item 1', () => {
    const { source, ...fields } = item(catalog, 1);
    expect(fields).toEqual({
      seq: 1,
      domain: null,
      category: '基本信息',
      name: '社区简介',
      content: '社区名称、概况、办公地址、联系方式以及社区为民服务站联系电话等信息',
      websiteColumn: '五华区基层政务公开标准化规范化专栏',
      legalBasis: ['《中华人民共和国村民委员会组织法》', '《中华人民共和国城市居民委员会组织法》', GUIDELINE, '《昆明市村务公开条例》'],
      responsibleBodies: ['厂口社区居委会'],
      timeLimitText: '信息形成或者变更之日起20个工作日内,保持长期公开。',
      rules: [
        { kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', span: { start: 0, end: 18 } },
        { kind: 'standing', span: { start: 19, end: 25 } },
      ],
      channels: channels('为民服务站', BOARD),
      audience: { society: true, specificGroups: false },
      method: { proactive: null, onRequest: null },
      level: null,
    });
    expect(source.audience).toEqual({ text: '√\t', line: 7 });
  });

  it('repairs item 3, whose surplus cell shifted the row, into 公开内容', () => {
    const { source, ...fields } = item(catalog, 3);
    expect(fields).toMatchObject({
      category: '基本信息',
      name: '政策文件',
      content: '相关政策文件\n国务院、省、市、区印发需要公开的有关政策文件',
      websiteColumn: null,
      responsibleBodies: ['厂口社区居委会'],
      timeLimitText: '获取信息之日起10个工作日内。',
      channels: channels('为民服务站', BOARD),
      audience: { society: true, specificGroups: false },
    });
    expect(fields.legalBasis).toHaveLength(4);
    expect(source.websiteColumn).toEqual({ text: '--', line: 9 });
  });

  it('removes the list number leaked into 公开时限 of item 4 and keeps it in the source', () => {
    const it4 = item(catalog, 4);
    expect(it4.timeLimitText).toBe('信息形成或者变更之日起20个工作日内,法律法规另有规定的从其规定。');
    expect(it4.source.timeLimitText?.text).toBe('2. 信息形成或者变更之日起20个工作日内,法律法规另有规定的从其规定。');
    expect(it4.legalBasis).toEqual(['《中华人民共和国村民委员会组织法》', '《中华人民共和国城市居民委员会组织法》', GUIDELINE, '《昆明市村务公开条例》']);
    expect(it4.channels).toEqual(channels(BOARD));
  });

  it('reads every field of item 12 (最低生活保障), five legal documents', () => {
    const { source: _source, ...fields } = item(catalog, 12);
    expect(fields).toEqual({
      seq: 12,
      domain: null,
      category: '社会救助',
      name: '最低生活保障',
      content: '1.初审对象名单及相关信息; 2.低保对象名单及相关信息; 3.低保对象最低生活保障金每月发放情况',
      websiteColumn: null,
      legalBasis: [
        '《社会救助暂行办法》(国务院令第649号)',
        GUIDELINE,
        '《云南省人民政府关于印发云南省社会救助实施办法的通知》(云政发〔2014〕65号)',
        '《云南省最低生活保障审核确认实施细则》(云民规〔2021〕2号)',
        '《昆明市社会救助实施办法》(昆明市人民政府公告第91号)',
      ],
      responsibleBodies: ['厂口社区居委会'],
      timeLimitText: '制定或获取信息之日起10个工作日内,初审对象名单公示7个工作日。',
      rules: [
        { kind: 'within', amount: 10, unit: 'workday', trigger: 'made_or_acquired', span: { start: 0, end: 17 } },
        { kind: 'publicity', amount: 7, unit: 'workday', subject: '初审对象名单', span: { start: 18, end: 31 } },
      ],
      channels: channels(BOARD),
      audience: { society: true, specificGroups: false },
      method: { proactive: null, onRequest: null },
      level: null,
    });
  });

  it('keeps the space between joint issuers in item 10', () => {
    expect(item(catalog, 10).legalBasis[2]).toBe('《财政部 应急部关于印发中央自然灾害救灾资金管理暂行办法的通知》(财建〔2020〕245号)');
    expect(item(catalog, 15).channels).toEqual(channels('为民服务站', BOARD));
  });

  it('reads every rule of every item', () => {
    const formed = 'within:20:workday:formed_or_changed';
    const formedOverride = [formed, 'override'];
    expect(catalog.items.map((i) => ruleCodes(i.rules))).toEqual([
      [formed, 'standing'],
      [formed, 'standing'],
      ['within:10:workday:acquired'],
      formedOverride, formedOverride, formedOverride, formedOverride, formedOverride, formedOverride, formedOverride,
      ['within:0:day:formed_or_changed', 'publicity:5:workday'],
      ['within:10:workday:made_or_acquired', 'publicity:7:workday:初审对象名单'],
      ['within:10:workday:made_or_acquired'],
      ['within:10:workday:made_or_acquired', 'publicity:7:workday'],
      formedOverride,
    ]);
  });

  it('warns about the missing columns, the surplus cell, the leaked numbers and the page-break group', () => {
    const leaked = (seq: number, line: number, gaps: string) => ({
      line, item: seq, field: 'timeLimitText',
      message: `第${seq}项（第${line}行）：公开时限开头的“2.”应是公开依据的编号错位（公开依据的编号缺少${gaps}），已删除，请核对`,
    });
    expect(catalog.warnings).toEqual([
      { line: 5, item: null, message: '第5行：表格中没有“公开方式”“公开层级”列，这些字段已留空' },
      {
        line: 9, item: 3, field: 'content',
        message: '第3项（第9行）：有1个多余的单元格使后面各列错位（行尾相应少了1个单元格），已将“国务院、省、市、区印发需要公开的有关政策…”并入公开内容，请核对',
      },
      leaked(4, 13, '2、3'), leaked(5, 14, '2'), leaked(6, 15, '2'), leaked(7, 16, '2'), leaked(8, 20, '2'), leaked(9, 21, '2'),
      {
        line: 27, item: 12, field: 'category',
        message: '第12项（第27行）：一级事项为空且位于分页处，已按同页下一行归入“社会救助”（也可能属于上一页的“专项资金分配结果”），请核对',
      },
    ]);
  });
});
