/**
 * What a push says about a record, whatever the vendor: title, item, dates, an excerpt and a
 * link. Rows of lists of people are never pushed: a chat group keeps a message forever, while
 * a publicity list must disappear when its period ends — the link shows it while it may be seen.
 */
import type { PublicRecordView } from '../../record/index.ts';
import { guardView } from '../guard.ts';
import { recordUrl } from '../links.ts';
import { correctionText, excerpt, periodText, publicityText, tableSummary, versionText } from '../text.ts';
import { chineseDateOf } from '../../../platform/time.ts';

export interface PushContent {
  recordId: string;
  version: number;
  title: string;
  communityName: string;
  itemName: string;
  publishedOn: string;
  publicity: string | null;
  period: string | null;
  correction: string | null;
  versionNote: string;
  excerpt: string;
  tableLines: string[];
  attachments: number;
  url: string;
}

export const PUSH_EXCERPT_CHARS = 240;

export function pushContent(raw: PublicRecordView, baseUrl: string): PushContent {
  const view = guardView(raw);
  return {
    recordId: view.id,
    version: view.version,
    title: view.title,
    communityName: view.communityName,
    itemName: view.itemName,
    publishedOn: chineseDateOf(view.publishedAt),
    publicity: publicityText(view),
    period: periodText(view),
    correction: correctionText(view),
    versionNote: versionText(view),
    excerpt: excerpt(view.bodyText, PUSH_EXCERPT_CHARS),
    tableLines: view.tables.map(tableSummary),
    attachments: view.attachments.length,
    url: recordUrl(baseUrl, view.id),
  };
}

/** Plain lines shared by the text formats: meta, excerpt, tables, attachments. */
export function detailLines(c: PushContent): string[] {
  return [
    `公开事项：${c.itemName}`,
    `发布日期：${c.publishedOn}${c.versionNote ? `（${c.versionNote}）` : ''}`,
    ...(c.period ? [c.period] : []),
    ...(c.publicity ? [c.publicity] : []),
    ...(c.correction ? [c.correction] : []),
  ];
}

export function extraLines(c: PushContent): string[] {
  return [...c.tableLines.map((t) => `附表：${t}`), ...(c.attachments > 0 ? [`附件 ${c.attachments} 个，请点击链接查看`] : [])];
}

/**
 * Markdown as the chat vendors read it, made literal: a masked number's asterisks must not turn
 * into bold, and brackets, backquotes, angle brackets or a leading # must not become markup.
 */
export function mdText(s: string): string {
  return s
    .replace(/\*/g, '＊')
    .replace(/`/g, '｀')
    .replace(/\[/g, '［')
    .replace(/]/g, '］')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/_/g, '＿')
    .replace(/^(\s*)([#+-])/gm, (_m, sp: string, ch: string) => sp + ({ '#': '＃', '+': '＋', '-': '－' } as Record<string, string>)[ch]!)
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2．$3');
}

/** Cuts a UTF-8 string to at most `max` bytes on a character boundary. */
export function cutBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch + '……') > max) break;
    out += ch;
  }
  return out + '……';
}
