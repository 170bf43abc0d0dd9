import type { Deps } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { getCalendar, publicityEnd as endOnCalendar, type PublicityEnd } from '../calendar/index.ts';
import type { PublicityRule } from '../catalog/index.ts';
import { beijingDate } from '../../platform/time.ts';

export { publicityOver, type PublicityEnd } from '../calendar/index.ts';

/** The 公示期 end of a record published at `publishedAt` (the calendar domain holds the rule). */
export async function publicityEnd(deps: Pick<Deps, 'db'>, districtCode: string, publishedAt: Date, rule: Pick<PublicityRule, 'amount' | 'unit'>): Promise<PublicityEnd> {
  return endOnCalendar(await getCalendar(deps, districtCode), beijingDate(publishedAt), rule);
}

type PublicityPeriod = Pick<PublicityRule, 'amount' | 'unit'>;

/**
 * The 公示期 a version asks for: none when it is not a 公示; the days the editor typed (in the
 * unit of the item's rule, working days when it has none); otherwise the item's rule.
 */
export function versionPublicity(version: { publicity: boolean; publicityDays: number | null }, item: { publicity: PublicityPeriod | null } | null): PublicityPeriod | null {
  if (!version.publicity) return null;
  if (version.publicityDays) return { amount: version.publicityDays, unit: item?.publicity?.unit ?? 'workday' };
  return item?.publicity ?? null;
}

/** A list of people must come down at some date: refused without a 公示期, in words staff act on. */
export function assertListHasPublicity(version: { publicity: boolean; publicityDays: number | null }, item: { personalList: boolean; publicity: PublicityPeriod | null } | null): void {
  if (!item?.personalList || versionPublicity(version, item)) return;
  throw new ValidationError('这是含个人信息的名单，必须设置公示期才能提交或发布：请在“公示期”一栏填写公示天数（例如 7 个工作日）。公示期满后，名单将不再公开。', { publicityDays: '请填写公示期' });
}
