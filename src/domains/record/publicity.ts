import type { Deps } from '../../platform/context.ts';
import { getCalendar, publicityEnd as endOnCalendar, type PublicityEnd } from '../calendar/index.ts';
import type { PublicityRule } from '../catalog/index.ts';
import { beijingDate } from '../../platform/time.ts';

export { publicityOver, type PublicityEnd } from '../calendar/index.ts';

/** The 公示期 end of a record published at `publishedAt` (the calendar domain holds the rule). */
export async function publicityEnd(deps: Pick<Deps, 'db'>, districtCode: string, publishedAt: Date, rule: Pick<PublicityRule, 'amount' | 'unit'>): Promise<PublicityEnd> {
  return endOnCalendar(await getCalendar(deps, districtCode), beijingDate(publishedAt), rule);
}
