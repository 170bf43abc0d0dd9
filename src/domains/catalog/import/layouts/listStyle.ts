/**
 * List-style village catalogs: no table, numbered items under section headings.
 *
 *   一、党务公开（每季度公开一次）        ← section: becomes 领域; its 时限 is carried to its items
 *   （一）党组织建设                      ← sub-section: becomes 一级事项
 *   1. 党组织设置及成员名单               ← item
 *   2. 党费收缴情况：收缴标准、金额        ← item with its 公开内容 after the colon
 *   公开时间：每年1月底前                 ← a section's 时限 stated on a line of its own
 *
 * The reader writes the items as a table with a header of its own, so the rest of the import is
 * the same as for any table. Every carried 时限 is reported, with the line it was stated on.
 */
import { seqList, warn } from '../messages.ts';
import type { ImportWarning, RawCell, RawRow, RawTable } from '../types.ts';

export const LIST = 'list';

const SECTION = /^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$/;
const SUBSECTION = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$/;
const ITEM = /^(\d{1,3})\s*[.、．)）]\s*(.+)$|^[（(](\d{1,3})[）)]\s*(.+)$/;
const TIME_LINE = /^(?:公开时间|公开时限|时限要求|时限|公开频次|时间)\s*[:：]\s*(.+)$/;
const TIME_WORDS = /每[月季年半]|季度|半年|年度|随时|及时|长期|常年|日内|日前|工作日|月底|年底|年初|定期|公开一次/;
const DISCLOSURE = /公开/;

/** Splits 党务公开（每季度公开一次） into the heading and the 时限 in its brackets. */
function headingAndTime(text: string): { heading: string; time: string | null } {
  const m = /^(.*?)[（(]([^（）()]*)[）)]\s*[:：]?$/.exec(text.trim());
  if (m && TIME_WORDS.test(m[2]!)) return { heading: m[1]!.trim(), time: m[2]!.trim() };
  const colon = /^(.*?公开)\s*[:：，,]\s*(.+)$/.exec(text.trim());
  if (colon && TIME_WORDS.test(colon[2]!)) return { heading: colon[1]!.trim(), time: colon[2]!.trim() };
  return { heading: text.trim().replace(/[:：]$/, ''), time: null };
}

/** True for a text that looks like a list-style catalog: sections about 公开 with numbered items. */
export function looksLikeList(text: string): boolean {
  const lines = text.split(/\r?\n/).slice(0, 2000).map((l) => l.trim());
  const sections = lines.filter((l) => SECTION.test(l) && DISCLOSURE.test(l) && l.length <= 60).length;
  const items = lines.filter((l) => ITEM.test(l)).length;
  return sections >= 2 && items >= 3;
}

interface Section {
  heading: string;
  time: string | null;
  timeLine: number;
  items: { seq: number; name: string; content: string; time: string | null; line: number }[];
}

function splitItem(text: string): { name: string; content: string; time: string | null } {
  const own = headingAndTime(text);
  const body = own.time ? own.heading : text.trim();
  const colon = /^([^：:]{2,40})[：:]\s*(.+)$/.exec(body);
  return colon ? { name: colon[1]!.trim(), content: colon[2]!.trim(), time: own.time } : { name: body.replace(/[。；;]$/, ''), content: '', time: own.time };
}

export function readListStyle(text: string): RawTable {
  const rows: RawRow[] = [];
  const warnings: ImportWarning[] = [];
  const sections: { section: Section }[] = [];
  let section: Section | null = null;
  let category: string | null = null;
  let seq = 0;
  const items: { seq: number; domain: string; category: string | null; name: string; content: string; time: string; carried: boolean; line: number; timeLine: number | null }[] = [];
  const pending: { index: number; section: Section }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (content === '') return;
    const sec = SECTION.exec(content);
    const sub = SUBSECTION.exec(content);
    const item = ITEM.exec(content);
    const time = TIME_LINE.exec(content);
    if (sec && !item) {
      const { heading, time: t } = headingAndTime(sec[2]!);
      section = { heading, time: t, timeLine: line, items: [] };
      sections.push({ section });
      category = null;
    } else if (sub && section) {
      const { heading, time: t } = headingAndTime(sub[2]!);
      category = heading;
      if (t) [section.time, section.timeLine] = [t, line];
    } else if (time && section) {
      section.time = time[1]!.trim();
      section.timeLine = line;
    } else if (item && section) {
      const parts = splitItem(item[2] ?? item[4] ?? '');
      seq++;
      items.push({ seq, domain: section.heading, category, ...parts, time: parts.time ?? '', carried: parts.time === null, line, timeLine: null });
      pending.push({ index: items.length - 1, section });
    } else if (!section) {
      rows.push({ cells: [{ text: content, line }], line });
    } else if (items.length > 0 && pending.at(-1)?.section === section) {
      // A line that continues the item above (its 公开内容 wrapped).
      const last = items.at(-1)!;
      last.content = last.content === '' ? content : `${last.content}${content}`;
    }
  });
  // A section's 时限 may be stated after its items; it is carried once the whole section is read.
  for (const { index, section: s } of pending) {
    const entry = items[index]!;
    if (entry.carried && s.time) [entry.time, entry.timeLine] = [s.time, s.timeLine];
  }
  for (const { section: s } of sections) {
    const carried = items.filter((e) => e.domain === s.heading && e.carried && s.time);
    if (carried.length > 0) {
      warnings.push(warn(null, s.timeLine, `“${s.heading}”的公开时限“${s.time}”只写了一次，已用于该部分的${carried.length}个事项（${seqList(carried.map((e) => e.seq))}），请核对`));
    }
  }
  const cell = (t: string, l: number | null): RawCell => ({ text: t, line: l });
  const headerLine = items[0]?.line ?? null;
  rows.push({ cells: ['序号', '领域', '一级事项', '事项名称', '公开内容', '公开时限'].map((t) => cell(t, headerLine)), line: headerLine });
  for (const e of items) {
    rows.push({ cells: [cell(String(e.seq), e.line), cell(e.domain, e.line), cell(e.category ?? '', e.line), cell(e.name, e.line), cell(e.content, e.line), cell(e.time, e.timeLine ?? e.line)], line: e.line });
  }
  return { layout: LIST, rows, warnings };
}
