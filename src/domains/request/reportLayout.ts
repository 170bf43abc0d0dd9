import { chineseDate } from '../../platform/time.ts';
import type { AnnualReport, Figures } from './annualReport.ts';
import { APPLICANT_TYPE_KEYS, APPLICANT_TYPES, GROUP_LABELS, RESULT_ROWS, type ResultGroup } from './reportRows.ts';

/*
 * The annual report laid out once, as sections of paragraphs and tables, in the order and
 * wording of 国办公开办函〔2021〕30号; the page, the .xlsx and the PDF all draw this.
 */

export interface ReportLine {
  label: string;
  /** 0: 一、…; 1: （一）…; 2: 1.… */
  level: 0 | 1 | 2;
  /** null: a heading row without figures. */
  cells: (number | string)[] | null;
}

export interface ReportTable {
  caption: string;
  /** Column heads after the first (label) column. */
  head: string[];
  /** A second, grouping head row over `head` (label, span), where the format has one. */
  groups?: { label: string; span: number }[];
  lines: ReportLine[];
  note?: string;
}

export interface ReportSection {
  title: string;
  paragraphs: string[];
  tables: ReportTable[];
}

const sum = (f: Figures) => f[f.length - 1] ?? 0;

function overview(r: AnnualReport): string[] {
  const t = r.requests.table;
  const pub = r.published;
  const late = r.requests.late > 0 ? `，其中逾期答复${r.requests.late}件` : '，均在法定期限内答复';
  return [
    `${r.year}年，${r.org.name}及所辖社区（村）通过公开平台主动公开记录${pub.total}条，其中公示类${pub.publicity}条，涉及${pub.byOrg.length}个组织。`,
    `本年新收政府信息公开申请${sum(t.received)}件，上年结转${sum(t.carriedIn)}件，本年办结${sum(t.total)}件${sum(t.total) > 0 ? late : ''}，结转下年度继续办理${sum(t.carriedOut)}件。`,
    `本报告中的统计数据由公开平台根据办理记录自动生成（生成日期：${chineseDate(r.madeOn)}），统计期限为${r.year}年1月1日至12月31日。`,
  ];
}

function proactive(r: AnnualReport): ReportTable[] {
  const zero = (n: number) => Array.from({ length: n }, () => 0);
  const official: ReportTable = {
    caption: '第二十条第（一）（五）（六）（八）项',
    head: ['本年制发件数', '本年废止件数', '现行有效件数'],
    lines: [
      { label: '规章', level: 1, cells: zero(3) },
      { label: '行政规范性文件', level: 1, cells: zero(3) },
      { label: '行政许可（本年处理决定数量）', level: 1, cells: [0, '—', '—'] },
      { label: '行政处罚（本年处理决定数量）', level: 1, cells: [0, '—', '—'] },
      { label: '行政强制（本年处理决定数量）', level: 1, cells: [0, '—', '—'] },
      { label: '行政事业性收费（本年收费金额，万元）', level: 1, cells: [0, '—', '—'] },
    ],
    note: '本平台不登记规章、规范性文件、许可、处罚、强制和收费事项，以上为 0；如有，请在报送前据实填写。',
  };
  const records: ReportTable = {
    caption: '本年主动公开的居务（村务）公开记录',
    head: ['公开记录（条）'],
    lines: [...r.published.byOrg.map((o) => ({ label: o.name, level: 1 as const, cells: [o.count] })), { label: '合计', level: 0, cells: [r.published.total] }],
  };
  return [official, records];
}

function resultLines(r: AnnualReport): ReportLine[] {
  const results = r.requests.table.results;
  const lines: ReportLine[] = [];
  let group: ResultGroup | null = null;
  for (const row of RESULT_ROWS) {
    if (row.group && row.group !== group) lines.push({ label: GROUP_LABELS[row.group], level: 1, cells: null });
    group = row.group;
    lines.push({ label: row.label, level: row.group ? 2 : 1, cells: results[row.key]! });
  }
  return lines;
}

/** Table 三 with the format's row labels and its seven columns. */
export function requestTable(r: AnnualReport): ReportTable {
  const t = r.requests.table;
  return {
    caption: '收到和处理政府信息公开申请情况（单位：件）',
    head: [...APPLICANT_TYPE_KEYS.map((k) => APPLICANT_TYPES[k]), '总计'],
    groups: [
      { label: '自然人', span: 1 },
      { label: '法人或其他组织', span: 5 },
      { label: '', span: 1 },
    ],
    lines: [
      { label: '一、本年新收政府信息公开申请数量', level: 0, cells: t.received },
      { label: '二、上年结转政府信息公开申请数量', level: 0, cells: t.carriedIn },
      { label: '三、本年度办理结果', level: 0, cells: null },
      ...resultLines(r),
      { label: '（七）总计', level: 1, cells: t.total },
      { label: '四、结转下年度继续办理', level: 0, cells: t.carriedOut },
    ],
    note: r.requests.withoutReason > 0 ? `其中${r.requests.withoutReason}件答复未注明具体理由，计入“（六）其他处理 3.其他”。` : undefined,
  };
}

function reviewTable(): ReportTable {
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return {
    caption: '政府信息公开行政复议、行政诉讼情况（单位：件）',
    head: heads,
    lines: ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'].map((label) => ({ label, level: 1 as const, cells: heads.map(() => 0) })),
    note: '本平台不登记行政复议和行政诉讼案件，以上为 0；如有，请在报送前据实填写。表格按行列转置排列，数字与规定格式一一对应。',
  };
}

function problems(r: AnnualReport): string[] {
  const late = r.requests.late;
  const open = sum(r.requests.table.carriedOut);
  return [
    late > 0 ? `本年有${late}件政府信息公开申请未在法定期限内答复，需加强申请登记、办理时限提醒和答复审核。` : '本年政府信息公开申请均在法定期限内答复。',
    open > 0 ? `尚有${open}件申请结转下年度继续办理，将按法定期限办结。` : '本年受理的申请均已办结。',
  ];
}

function fees(r: AnnualReport): string[] {
  const f = r.requests.fees;
  return [
    f.requests > 0
      ? `本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）对${f.requests}件申请收取信息处理费共${f.yuan.toFixed(2)}元。`
      : '本年度未收取信息处理费（收费数据取自答复时登记的信息处理费）。',
  ];
}

export function reportSections(r: AnnualReport): ReportSection[] {
  return [
    { title: '一、总体情况', paragraphs: overview(r), tables: [] },
    { title: '二、主动公开政府信息情况', paragraphs: [], tables: proactive(r) },
    { title: '三、收到和处理政府信息公开申请情况', paragraphs: [], tables: [requestTable(r)] },
    { title: '四、政府信息公开行政复议、行政诉讼情况', paragraphs: [], tables: [reviewTable()] },
    { title: '五、存在的主要问题及改进情况', paragraphs: problems(r), tables: [] },
    { title: '六、其他需要报告的事项', paragraphs: fees(r), tables: [] },
  ];
}

export const reportTitle = (r: AnnualReport) => `${r.org.name}${r.year}年政府信息公开工作年度报告`;
