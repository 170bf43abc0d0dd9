/**
 * Text every channel shares: dates the way users read them, the publicity period sentence, short
 * excerpts for pushes, and which tables are lists of people (kept off channels that persist).
 */
import { chineseDate, chineseDateOf } from '../../platform/time.ts';
import type { PublicRecordView, PublicTable } from '../record/index.ts';

/** 村务公开 for a village, 居务公开 for a residents' community. */
export const affairsWord = (communityName: string): string => (/村$/.test(communityName) ? '村务公开' : '居务公开');

/** "公示期：2026年10月30日至2026年11月6日", or null when the item has no publicity period. */
export function publicityText(view: Pick<PublicRecordView, 'publishedAt' | 'publicityEndsOn'>): string | null {
  if (!view.publicityEndsOn) return null;
  return `公示期：${chineseDateOf(view.publishedAt)}至${chineseDate(view.publicityEndsOn)}`;
}

export function versionText(view: Pick<PublicRecordView, 'version'>): string {
  return view.version > 1 ? `第${view.version}版（更正）` : '';
}

/** A table naming people: once posted in a chat or a mailbox it cannot be taken back. */
export function isPersonalTable(table: PublicTable): boolean {
  return table.columns.some((c) => c.type === 'person_name' || c.type === 'id_number' || c.type === 'phone');
}

/** The first `max` characters of the text on whole lines where possible, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
  return (stop > max * 0.6 ? cut.slice(0, stop + 1) : cut).trimEnd() + '……';
}

/** Paragraphs of a plain-text body, blank lines dropped. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** One line per table for channels that do not carry the rows. */
export function tableSummary(table: PublicTable): string {
  return `${table.caption || '附表'}（共 ${table.rows.length} 行${isPersonalTable(table) ? '，涉及个人信息，请在网上或公开栏查看' : ''}）`;
}

/** "所属期间：2026年7月1日至2026年9月30日", or null. */
export function periodText(view: Pick<PublicRecordView, 'periodFrom' | 'periodTo'>): string | null {
  if (!view.periodFrom && !view.periodTo) return null;
  if (view.periodFrom && view.periodTo) return `所属期间：${chineseDate(view.periodFrom)}至${chineseDate(view.periodTo)}`;
  return `所属期间：${chineseDate((view.periodFrom ?? view.periodTo)!)}`;
}

/** The public trace of a withdrawn record, or null. */
export function withdrawalText(view: Pick<PublicRecordView, 'withdrawal'>): string | null {
  if (!view.withdrawal) return null;
  return `本公开内容已于${chineseDateOf(view.withdrawal.at)}撤回${view.withdrawal.reason ? `。撤回原因：${view.withdrawal.reason}` : ''}。`;
}

/** "更正说明：……" for a corrected version, or null. */
export function correctionText(view: Pick<PublicRecordView, 'version' | 'correctionNote'>): string | null {
  return view.version > 1 && view.correctionNote ? `更正说明：${view.correctionNote}` : null;
}
