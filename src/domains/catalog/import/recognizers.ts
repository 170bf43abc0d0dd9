/**
 * How well a cell's text fits a column, by meaning: 《…》 fits 公开依据, 之日起20个工作日 fits
 * 公开时限, checkboxes fit 公开渠道和载体. Used to infer sub-columns and to repair shifted rows.
 * Scores: positive fits, 0 says nothing (blank, free text), negative clearly belongs elsewhere.
 */
import { parseTimeLimit } from '../rules/parseTimeLimit.ts';
import { isPlaceholder } from './cleanText.ts';
import type { Field } from './labels.ts';

export interface Column {
  field: Field;
  /** society/specific, proactive/onRequest, a level label (村级), or null. */
  sub: string | null;
  /** The header text the column came from, for messages. */
  label: string;
  /** How sure the header reading is (1 a known label, 0.6 a damaged one, 0 unrecognised); shown in the preview. */
  score?: number;
}

const MARK = /^[√✓✔■□☑☐☒●○×✗✘]$/;
const CHECKBOX = /<input\b|[■□☑☐☒]/;
const CHANNEL_SOURCE = '网站|公示栏|公开栏|微信|新媒体|便民服务|为民服务|服务站|服务中心|入户|现场|广播|电视|报纸|纸质|公报|查阅|电子屏|短信|APP|小程序|两微一端|精准推送|发布会';
const CHANNEL_WORD = new RegExp(CHANNEL_SOURCE);
const CHANNEL_WORDS = new RegExp(CHANNEL_SOURCE, 'g');
const LAW_WORDS = /《|法|条例|办法|意见|通知|规定|规程|细则|决定|〔|﹝|号/;
const BODY_WORDS = /委员会|居委会|村委会|人民政府|办事处|社区|街道|乡|镇|部门|单位|站|中心|局|办/;
const TIME_WORDS = /时|日|天|月|季|年|及时|长期|常态/;

type Scorer = (text: string) => number;

const scoreSeq: Scorer = (t) => (t === '' ? 0 : /^\d{1,4}[.、]?$/.test(t) ? 2 : -2);

const scoreFreeText: Scorer = (t) => (/<input\b/i.test(t) ? -2 : 0);

// Most rows leave 政府网站公开栏目 as --, so a placeholder is strong evidence for this column.
const scoreWebsiteColumn: Scorer = (t) => {
  if (t !== '' && isPlaceholder(t)) return 2;
  if (t === '') return 0;
  if (/《|<input\b/i.test(t)) return -2;
  if (t.length > 30) return -1;
  return /栏目|专栏|网站|平台|专区/.test(t) ? 1 : 0;
};

// A line that names no law (金额、事由) does not belong in 公开依据, even next to one that does.
const scoreLegalBasis: Scorer = (t) => {
  if (isPlaceholder(t)) return 0;
  if (CHECKBOX.test(t) || MARK.test(t)) return -2;
  const stray = t.split('\n').some((line) => !isPlaceholder(line) && !LAW_WORDS.test(line));
  return (LAW_WORDS.test(t) ? 2 : -1) - (stray ? 1 : 0);
};

const scoreResponsible: Scorer = (t) => {
  if (t === '') return 0;
  if (/<input\b|《/i.test(t) || /之日起|工作日|公示/.test(t)) return -2;
  return BODY_WORDS.test(t) && t.length <= 80 ? 1 : 0;
};

const scoreTimeLimit: Scorer = (t) => {
  if (t === '') return 0;
  if (/<input\b|《/i.test(t)) return -2;
  if (parseTimeLimit(t).rules.length > 0) return 2;
  return TIME_WORDS.test(t) ? 1 : -1;
};

const scoreChannels: Scorer = (t) => {
  if (t === '') return 0;
  if (CHECKBOX.test(t) || (t.match(CHANNEL_WORDS)?.length ?? 0) >= 2) return 2;
  if (/《/.test(t)) return -2;
  return CHANNEL_WORD.test(t) ? 1 : -1;
};

/** 公开对象, 公开方式, 公开层级: short words or marks; long text belongs elsewhere. */
function scoreShort(own: RegExp, other: RegExp | null): Scorer {
  return (t) => {
    if (t === '') return 0;
    if (t.length > 20 || /<input\b/i.test(t)) return -2;
    if (MARK.test(t) || own.test(t)) return 1;
    return other?.test(t) ? -1 : 0;
  };
}

const SCORERS: Partial<Record<Field, Scorer>> = {
  seq: scoreSeq,
  websiteColumn: scoreWebsiteColumn,
  legalBasis: scoreLegalBasis,
  responsible: scoreResponsible,
  timeLimit: scoreTimeLimit,
  channels: scoreChannels,
  audience: scoreShort(/全社会|特定|群体|对象|群众|居民|村民/, /主动|依申请/),
  method: scoreShort(/主动|依申请/, /全社会|特定/),
  level: scoreShort(/县|区|市|乡|镇|街道|村|社区/, /全社会|主动|依申请/),
};

// Words that name the other option of a two-option group: 主动 under 依申请 is misplaced.
const WRONG_SUB: Record<string, RegExp> = {
  society: /特定/,
  specific: /全社会/,
  proactive: /依申请/,
  onRequest: /主动/,
};

export function scoreCell(column: Column, text: string): number {
  const t = text.trim();
  const misplaced = column.sub !== null && WRONG_SUB[column.sub]?.test(t) ? -1 : 0;
  return (SCORERS[column.field] ?? scoreFreeText)(t) + misplaced;
}

/** Sum of the cell scores of a row laid over the columns (missing cells count as blank). */
export function scoreRow(columns: Column[], texts: (string | null)[]): number {
  return columns.reduce((sum, column, i) => sum + scoreCell(column, texts[i] ?? ''), 0);
}
