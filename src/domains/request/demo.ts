import type { Deps } from '../../platform/context.ts';
import { FixedClock } from '../../platform/clock.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { findOrganisation, sessionUserByName } from '../org/index.ts';
import { recentRecords } from '../record/index.ts';
import { handleCase } from './handleCase.ts';
import { submitCase } from './submitCase.ts';
import type { CaseKind } from './types.ts';

const PUBLIC = { id: null, name: 'demo:public', ip: null };
const DAY = 86_400_000;

// Made-up applicants: the numbers are in the 139 0000 range nobody is issued.
const APPLICANTS = [
  { name: '王秀英', phone: '13900000001', contact: '延安小区2栋' },
  { name: '李德明', phone: '13900000002', contact: '' },
];

/** The same deps with the clock set `daysAgo` days back, so each demo step happens on its own day. */
function on(deps: Deps, daysAgo: number): Deps {
  return { ...deps, clock: new FixedClock(new Date(deps.clock.now().getTime() - daysAgo * DAY)) };
}

async function staff(deps: Deps, username: string): Promise<StaffActor | null> {
  const user = await sessionUserByName(deps, username);
  return user ? { id: String(user.id), name: user.username, ip: null, user } : null;
}

async function submit(deps: Deps, orgCode: string, kind: CaseKind, form: Record<string, string>, record?: { id: string; title: string }): Promise<number | null> {
  const org = await findOrganisation(deps, orgCode);
  if (!org) return null;
  return (await submitCase(deps, PUBLIC, { org, kind, record }, form)).id;
}

/**
 * A few requests and objections in several states, for the demo: at 延安街道 one overdue, one
 * waiting for 补正, one answered and closed; at 延安社区 a 疑义 on a 低保 list answered 更正 and
 * one still open; a 查询 at 厂口社区.
 */
export async function loadRequestDemo(deps: Deps): Promise<number> {
  const street = await staff(deps, 'yanan-street');
  const supervisor = await staff(deps, 'yanan-supervisor');
  if (!street || !supervisor) return 0;
  const [a, b] = APPLICANTS as [(typeof APPLICANTS)[0], (typeof APPLICANTS)[0]];
  let count = 0;
  const late = await submit(on(deps, 40), '220202004', 'disclosure', { subject: '2026年老旧小区改造资金使用情况', details: '请提供延安街道2026年老旧小区改造资金的使用明细。', ...a });
  if (late) count++;
  const waiting = await submit(on(deps, 6), '220202004', 'disclosure', { subject: '停车位规划', details: '想了解附近的规划。', ...b });
  if (waiting) {
    await handleCase(on(deps, 5), street, waiting, 'request_correction', { deadline: isoDaysAgo(deps, -10) });
    count++;
  }
  const done = await submit(on(deps, 30), '220202004', 'disclosure', { subject: '街道办事处2025年部门预算', details: '请提供2025年部门预算公开文本。', ...a });
  if (done) {
    await handleCase(on(deps, 25), street, done, 'assign', {});
    await handleCase(on(deps, 20), street, done, 'reply', { replyKind: 'already_public', replyText: '该信息已在昌邑区人民政府网站“财政预决算”栏目公开，可直接查阅。' });
    await handleCase(on(deps, 20), street, done, 'close', {});
    count++;
  }
  count += await objectionsDemo(deps, supervisor);
  if (await submit(deps, '530102012001', 'query', { subject: '社区活动室开放时间', details: '请问社区活动室周末是否开放？', ...b })) count++;
  return count;
}

async function objectionsDemo(deps: Deps, supervisor: StaffActor): Promise<number> {
  const org = await findOrganisation(deps, '220202004001');
  if (!org) return 0;
  const records = await recentRecords(deps, { org }, null, 20);
  const target = records.find((r) => /低保|救助/.test(r.itemName)) ?? records[0];
  if (!target) return 0;
  const record = { id: target.id, title: target.title };
  const answered = await submit(on(deps, 4), org.code, 'objection', { subject: '名单中有人不符合条件', details: '名单中有一户家里有营业执照，请核实。', anonymous: 'on' }, record);
  if (answered) {
    await handleCase(on(deps, 2), supervisor, answered, 'answer', { outcome: 'correct', replyText: '经入户核实，该户不符合条件，已更正名单并重新公示。' });
  }
  await submit(deps, org.code, 'objection', { subject: '公示时间太短', details: '公示栏上的名单贴出没几天就撕掉了。', ...APPLICANTS[1]! }, record);
  return 2;
}

function isoDaysAgo(deps: Deps, daysAgo: number): string {
  const at = new Date(deps.clock.now().getTime() - daysAgo * DAY + 8 * 3_600_000);
  return at.toISOString().slice(0, 10);
}
