/**
 * Fills blank 领域 / 一级事项 cells. A blank group cell is a merged cell: it means "same group
 * as the row above". After a page break the label may sit further down the merged block (PDF and
 * Word conversions print it in the block's middle row), so a blank first row on a new page takes
 * the label that follows on the same page, with a warning since the previous page's group is
 * also possible.
 */
import type { Draft } from './buildItem.ts';
import { seqList, warn } from './messages.ts';
import type { ImportWarning } from './types.ts';

type GroupKey = 'domain' | 'category';

const NAMES: Record<GroupKey, string> = { domain: '领域', category: '一级事项' };

function valueAt(drafts: Draft[], i: number, key: GroupKey): string {
  return drafts[i]?.item[key] ?? '';
}

/**
 * For every row, the nearest row above with a label, and the nearest row below on the same page
 * with one (-1 when none): two passes, so a long run of blank cells stays linear.
 */
function neighbours(drafts: Draft[], key: GroupKey): { before: number[]; after: number[] } {
  const before = new Array<number>(drafts.length);
  const after = new Array<number>(drafts.length);
  let last = -1;
  for (let i = 0; i < drafts.length; i++) {
    before[i] = last;
    if (valueAt(drafts, i, key) !== '') last = i;
  }
  let next = -1;
  for (let i = drafts.length - 1; i >= 0; i--) {
    after[i] = next >= 0 && drafts[next]?.page === drafts[i]?.page ? next : -1;
    if (valueAt(drafts, i, key) !== '') next = i;
    else if (next >= 0 && drafts[next]?.page !== drafts[i]?.page) next = -1;
  }
  return { before, after };
}

function fillOne(drafts: Draft[], key: GroupKey, warnings: ImportWarning[]): void {
  const filled = drafts.map((_, i) => valueAt(drafts, i, key));
  const near = neighbours(drafts, key);
  drafts.forEach((draft, i) => {
    if (filled[i] !== '') return;
    const before = near.before[i]!;
    const after = near.after[i]!;
    const samePage = before >= 0 && drafts[before]?.page === draft.page;
    const { seq } = draft.item;
    if (samePage || (before >= 0 && after < 0)) {
      filled[i] = filled[before] ?? '';
    } else if (after >= 0) {
      filled[i] = valueAt(drafts, after, key);
      const other = before >= 0 ? `（也可能属于上一页的“${filled[before]}”）` : '';
      const why = before >= 0 ? '为空且位于分页处' : '为空且上面没有可沿用的分组';
      warnings.push(warn(seq, draft.line, `${NAMES[key]}${why}，已按同页下一行归入“${filled[i]}”${other}，请核对`, key));
    }
  });
  drafts.forEach((draft, i) => (draft.item[key] = filled[i] === '' ? null : (filled[i] ?? null)));
}

/** Fills 领域 and 一级事项, then names each item (二级事项, or its own 一级事项 when 二级 is blank). */
export function fillGroups(drafts: Draft[], hasNameColumn: boolean, warnings: ImportWarning[]): void {
  fillOne(drafts, 'domain', warnings);
  fillOne(drafts, 'category', warnings);
  const fromCategory: number[] = [];
  for (const draft of drafts) {
    if (draft.ownName !== '') continue;
    if (draft.ownCategory !== '') {
      draft.item.name = draft.ownCategory;
      if (hasNameColumn) fromCategory.push(draft.item.seq);
    } else {
      warnings.push(warn(draft.item.seq, draft.line, '缺少事项名称（二级事项和一级事项都为空），请补充', 'name'));
    }
  }
  if (fromCategory.length > 0) {
    warnings.push(warn(null, null, `${seqList(fromCategory)}的二级事项为空，已以一级事项作为事项名称，请核对`, 'name'));
  }
}
