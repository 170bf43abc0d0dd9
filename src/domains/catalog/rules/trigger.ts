/** Reads what starts the clock of a `within` rule from the words before the number of days. */
import type { Trigger } from './types.ts';

const TRIGGERS: [RegExp, Trigger][] = [
  [/(?:制定|制作|作出|形成)(?:或者|或|及|和|、)(?:获取|获得|取得)/, 'made_or_acquired'],
  [/形成|变更|变化|产生|更新|调整|更改|修改/, 'formed_or_changed'],
  [/获取|获得|取得/, 'acquired'],
  // Before 'received': 收到批复 starts the clock at the approval, not at a request.
  [/批复|批准|批示/, 'approved'],
  [/收到|接到|受理|申请/, 'received'],
  [/审批|审核|审定|核准|通过|决定|确定/, 'approved'],
  [/完成|结束|办结|竣工|验收|完毕|期满|届满|^事项?$/, 'completed'],
];

// Words around the event that carry no meaning of their own: 自…之日起, 在…后. A list number
// that leaked in (2. 信息形成…) is left outside the rule's span.
const LIST_NUMBER = /^\d{1,2}\s*[.．、]\s*/;
const LEADING = /^(?:应当|应|须|需)?(?:自|从|在|于)?/;
const TRAILING = /(?:之日起|之日后|之日|的次日起|次日起|起|之后|以后|后|的)+$/;

export interface TriggerReading {
  trigger: Trigger;
  /** The event as written, without 自/之日起. */
  text: string;
  /** Offset inside the lead where the rule's phrase begins (after a leaked list number). */
  offset: number;
}

/** Classifies the lead text, e.g. 信息形成或者变更之日起 → formed_or_changed. */
export function readTrigger(lead: string): TriggerReading {
  const trimmedStart = lead.length - lead.trimStart().length;
  const numbered = lead.trim();
  const listNumber = LIST_NUMBER.exec(numbered)?.[0] ?? '';
  const body = numbered.slice(listNumber.length);
  const leading = LEADING.exec(body)?.[0] ?? '';
  const text = body.slice(leading.length).replace(TRAILING, '').trim();
  const offset = trimmedStart + listNumber.length;
  for (const [re, trigger] of TRIGGERS) {
    if (re.test(text)) return { trigger, text, offset };
  }
  return { trigger: 'other', text, offset };
}
